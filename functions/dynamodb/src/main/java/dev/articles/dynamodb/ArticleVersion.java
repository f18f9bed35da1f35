package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.store.StoredArticle;
import java.util.Set;

/**
 * One version of an article as its item holds it: what the core sees ({@link StoredArticle}) and what the
 * store keeps for its own writes.
 *
 * @param version      1 for a new article, one more with every edit; 0 for an item written before versions
 * @param createdBy    the {@code sub} of the token that created it, null when writes were anonymous; never shown
 * @param staleEntries tag entries the last edit left to delete after its commit: if it stopped before, the next
 *                     writer deletes them
 * @param writeId      the write that committed this version; only it may clear the pending mark of a tag entry,
 *                     so a losing concurrent edit's content, written at the same key, never loses its mark
 * @param slugClaimed  whether its slug has its slug item: false only for an article stored before slugs, whose next
 *                     edit claims it
 * @param inFeed       whether the changes feed has it: it was published (a draft that never was is not in it)
 */
record ArticleVersion(Article article, long version, String createdBy, Set<EntryKey> staleEntries, String writeId,
        boolean slugClaimed, boolean inFeed) {

    ArticleVersion {
        staleEntries = Set.copyOf(staleEntries);
    }

    /** A new article: version 1. */
    static ArticleVersion created(Article article, String createdBy, String writeId) {
        return new ArticleVersion(article, 1, createdBy, Set.of(), writeId, true, article.status() == Status.PUBLISHED);
    }

    Set<EntryKey> entryKeys() {
        return EntryKey.of(article, version);
    }

    StoredArticle stored() {
        return new StoredArticle(article, version, createdBy);
    }
}
