package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;
import static dev.articles.dynamodb.Attributes.n;

import dev.articles.core.article.Article;
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

    /** The item of {@code stored}, with its feed entry where {@link ArticleVersion#feedAt} says. */
    static Map<String, AttributeValue> article(ArticleVersion stored) {
        Map<String, AttributeValue> item = ArticleItems.article(stored.article(), stored.createdBy());
        if (stored.feedAt() != null) {
            putChange(item, Keys.listSk(stored.feedAt(), stored.article().id()));
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
        if (deleted.heldAt(changedAt)) { // a delete for the readers that may hold it; nothing of one nobody saw
            putChange(item, Keys.listSk(changedAt, deleted.article().id()));
        }
        return item;
    }

    /**
     * The go-live entry of a live article rescheduled into the future: its own entry moves to the edit's time (a
     * delete, as it is not live then), and this one stands at its go-live, where the feed reads the article as it is
     * then. It holds no content, so an edit that stops before its commit leaves nothing untrue: read, it shows the
     * article as it is. It expires when no reader can still need it (a position older than
     * {@link #TOMBSTONE_LIFETIME} is refused).
     */
    static Map<String, AttributeValue> goLive(String id, Instant publishedAt) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(Keys.PK, s(Keys.article(id)), Keys.SK, s(Keys.goLiveSk(publishedAt)), "id", s(id)));
        item.put(EXPIRES_AT, n(publishedAt.plus(TOMBSTONE_LIFETIME).getEpochSecond()));
        putChange(item, Keys.goLivePosition(publishedAt, id));
        return item;
    }

    static boolean isGoLive(Map<String, AttributeValue> item) {
        return item.get(Keys.SK).s().startsWith(Keys.GO_LIVE_SK);
    }

    /** A feed entry (ByChange) at {@code position}. */
    private static void putChange(Map<String, AttributeValue> item, String position) {
        item.put(Keys.FEED_PK, s(Keys.FEED));
        item.put(Keys.CHANGE_SK, s(position));
    }

    /** Where the item's feed entry stands, or null. */
    static Instant feedAt(Map<String, AttributeValue> item) {
        AttributeValue position = item.get(Keys.CHANGE_SK);
        return position == null ? null : Timestamps.parseSortable(position.s());
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
                ArticleItems.hasStoredSlug(item), feedAt(item));
    }
}
