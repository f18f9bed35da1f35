package dev.articles.core.store;

import dev.articles.core.article.Article;
import java.time.Instant;
import java.util.Set;

/**
 * An article as the table holds it: its content and what the store keeps beside it.
 *
 * @param version      1 for a new article, one more with every edit; 0 for an item written before versions
 * @param updatedAt    the last change; createdAt until the first edit that changes something
 * @param createdBy    the {@code sub} of the token that created it, null when writes were anonymous; never shown
 * @param staleEntries tag entries the last edit left to delete after its commit: if it stopped before, the next
 *                     writer deletes them
 * @param writeId      the write that committed this version; only it may clear the pending mark of a tag entry,
 *                     so a losing concurrent edit's content, written at the same key, never loses its mark
 */
public record StoredArticle(Article article, long version, Instant updatedAt, String createdBy,
        Set<EntryKey> staleEntries, String writeId) {

    public StoredArticle {
        staleEntries = Set.copyOf(staleEntries);
    }

    /** A new article: version 1, never updated. */
    public static StoredArticle created(Article article, String createdBy, String writeId) {
        return new StoredArticle(article, 1, article.createdAt(), createdBy, Set.of(), writeId);
    }

    public Set<EntryKey> entryKeys() {
        return EntryKey.of(article, version);
    }
}
