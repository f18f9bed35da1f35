package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;
import static dev.articles.dynamodb.Attributes.n;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The attributes that let articles change, on top of {@link ArticleItems}: the version every edit and delete is
 * conditional on, updatedAt, who created it, and on a tag entry which write put it there.
 */
final class VersionedItems {

    static final String VERSION = "version";
    static final String UPDATED_AT = "updatedAt";
    static final String CREATED_BY = "createdBy";
    static final String STALE_ENTRIES = "staleEntries";
    /** On a tag entry: the write that put this content there, so only that write may clear its pending mark. */
    static final String WRITE_ID = "writeId";
    /** On a tombstone: when its article was deleted. */
    static final String DELETED_AT = "deletedAt";
    /** The table's TTL attribute (epoch seconds). */
    static final String EXPIRES_AT = "expiresAt";

    /**
     * How long a deleted article's id stays refused and answered 410: far longer than an Idempotency-Key lives
     * (24 hours), so a replayed create always meets the tombstone, and a month of 410s tells caches and
     * crawlers that the article went away on purpose. After it a fetch is 404; ids are never reused anyway.
     */
    static final Duration TOMBSTONE_LIFETIME = Duration.ofDays(30);

    private VersionedItems() {}

    /** @param changedAt the commit's time, stamped just before it: where the feed places this version */
    static Map<String, AttributeValue> article(ArticleVersion stored, Instant changedAt) {
        Map<String, AttributeValue> item = ArticleItems.article(stored.article(), stored.createdBy());
        if (stored.inFeed()) {
            Article a = stored.article();
            // Live from its publishedAt: a scheduled article enters the feed then, with no write.
            Instant at = a.status() == Status.PUBLISHED && a.publishedAt().isAfter(changedAt) ? a.publishedAt() : changedAt;
            putChange(item, a.id(), at);
        }
        item.put(VERSION, n(stored.version()));
        item.put(WRITE_ID, s(stored.writeId()));
        if (stored.createdBy() != null) {
            item.put(CREATED_BY, s(stored.createdBy()));
        }
        putEntries(item, stored.staleEntries());
        return item;
    }

    private static void putEntries(Map<String, AttributeValue> item, Set<EntryKey> entries) {
        if (!entries.isEmpty()) {
            item.put(STALE_ENTRIES, AttributeValue.fromL(entries.stream().map(key -> AttributeValue.fromM(key.item())).toList()));
        }
    }

    static Set<EntryKey> staleEntries(Map<String, AttributeValue> item) {
        AttributeValue stale = item.get(STALE_ENTRIES);
        return stale == null ? Set.of() : stale.l().stream().map(key -> EntryKey.of(key.m())).collect(Collectors.toSet());
    }

    static long version(Map<String, AttributeValue> item) {
        AttributeValue version = item.get(VERSION);
        return version == null ? 0 : Long.parseLong(version.n());
    }

    /** A tag entry of {@code stored}, pending, at its {@link EntryKey}. */
    static Map<String, AttributeValue> tagEntry(ArticleVersion stored, String tag) {
        Map<String, AttributeValue> item = ArticleItems.tagEntry(stored.article(), tag);
        item.put(Keys.SK, s(EntryKey.of(stored.article(), stored.version(), tag).sk()));
        item.put(VERSION, n(stored.version()));
        item.put(WRITE_ID, s(stored.writeId()));
        return item;
    }

    /**
     * What a deleted article's item becomes: no allPk or authorPk, so it leaves ByPublished and ByAuthor; no
     * content; the next version number, so a write that started from the deleted version fails its condition;
     * and the tag entries left to delete, so whoever finds the tombstone can finish a delete that stopped midway.
     */
    static Map<String, AttributeValue> tombstone(ArticleVersion deleted, Set<EntryKey> entries, Instant now, Instant changedAt) {
        Map<String, AttributeValue> item = new HashMap<>(ArticleItems.articleKey(deleted.article().id()));
        item.put("id", s(deleted.article().id()));
        item.put(VERSION, n(deleted.version() + 1));
        item.put(DELETED_AT, s(Timestamps.formatMillis(now)));
        item.put(EXPIRES_AT, n(now.plus(TOMBSTONE_LIFETIME).getEpochSecond()));
        putEntries(item, entries);
        if (deleted.inFeed()) {
            putChange(item, deleted.article().id(), changedAt);
        }
        return item;
    }

    /** The feed entry: one per article, moved to the time of its last change (ByChange). */
    private static void putChange(Map<String, AttributeValue> item, String id, Instant at) {
        item.put(Keys.FEED_PK, s(Keys.FEED));
        item.put(Keys.CHANGE_SK, s(Keys.listSk(at, id)));
    }

    static boolean isInFeed(Map<String, AttributeValue> item) {
        return item.containsKey(Keys.FEED_PK);
    }

    static boolean isTombstone(Map<String, AttributeValue> item) {
        return item.containsKey(DELETED_AT);
    }

    /** An article item (or, without body and stale entries, the summary part of one). */
    static ArticleVersion fromItem(Map<String, AttributeValue> item) {
        AttributeValue createdBy = item.get(CREATED_BY);
        AttributeValue writeId = item.get(WRITE_ID);
        return new ArticleVersion(ArticleItems.fromItem(item), version(item),
                createdBy == null ? null : createdBy.s(), staleEntries(item), writeId == null ? null : writeId.s(),
                ArticleItems.hasStoredSlug(item), isInFeed(item));
    }
}
