package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.store.StoredArticle;
import java.time.Instant;
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
 * @param feedAt       where its changes feed entry stands (ByChange), null where it has none: a draft that no feed
 *                     reader can hold, or an article stored before the feed
 */
record ArticleVersion(Article article, long version, String createdBy, Set<EntryKey> staleEntries, String writeId,
        boolean slugClaimed, Instant feedAt) {

    ArticleVersion {
        staleEntries = Set.copyOf(staleEntries);
    }

    /** A new article: version 1, not in the feed until its commit places it ({@link #placedAt}). */
    static ArticleVersion created(Article article, String createdBy, String writeId) {
        return new ArticleVersion(article, 1, createdBy, Set.of(), writeId, true, null);
    }

    /** This version with its feed entry at {@code at} (null: none), as its commit writes it. */
    ArticleVersion placedAt(Instant at) {
        return new ArticleVersion(article, version, createdBy, staleEntries, writeId, slugClaimed, at);
    }

    /**
     * Whether a feed reader may hold this article at {@code t}: it has an entry, and that entry is not the go-live of
     * a scheduled article still in the future (one that stands at its publishedAt, where nobody has read it yet).
     * So its next version must tell readers of any change, a delete included, at once (docs/data-model.md).
     */
    boolean heldAt(Instant t) {
        return feedAt != null && !(article.status() == Status.PUBLISHED && feedAt.equals(article.publishedAt())
                && article.publishedAt().isAfter(t));
    }

    /**
     * Where the feed places {@code next}, committed at {@code t} over this version (a new article: over none, see
     * {@link #created}): at {@code t}; a scheduled article at its publishedAt, unless a reader may hold it now and so
     * must be told it went (then at {@code t}, read as a delete until its go-live entry, {@link VersionedItems#goLive});
     * a draft nowhere unless a reader may hold it.
     */
    Instant nextFeedAt(Article next, Instant t) {
        boolean held = heldAt(t);
        if (next.status() == Status.PUBLISHED) {
            return next.publishedAt().isAfter(t) && !held ? next.publishedAt() : t;
        }
        return held ? t : null;
    }

    Set<EntryKey> entryKeys() {
        return EntryKey.of(article, version);
    }

    StoredArticle stored() {
        return new StoredArticle(article, version, createdBy);
    }
}
