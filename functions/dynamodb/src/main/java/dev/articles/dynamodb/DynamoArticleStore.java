package dev.articles.dynamodb;

import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.CleanUpLog;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PreviewFilter;
import dev.articles.core.store.StoredArticle;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The articles in DynamoDB, without transactions. Every write commits with one conditional write of the
 * article item, its tag entries written pending before it ({@link VersionedArticles}); lists show a pending
 * entry only as the article item's current version ({@link PendingEntries}), so a write that stops midway
 * leaves nothing torn anywhere. docs/data-model.md has the write order and why it holds.
 */
public final class DynamoArticleStore implements ArticleStore {

    /** Query calls one list page may make when it skips entries of stopped writes: bounds its cost. */
    static final int MAX_QUERIES_PER_PAGE = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Dynamo calls;
    private final VersionedArticles versions;

    /**
     * A store for tests and tools, outside a function: calls bounded by the client's timeouts alone, and a
     * clean-up that fails after a commit fails the call, as nobody would hear of it.
     */
    public DynamoArticleStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, new RequestDeadline(), (articleId, left, cause) -> {
            throw cause;
        });
    }

    /**
     * A function's store: every call ends in time for the request's answer ({@link Dynamo}); clean-up a write
     * leaves after its commit is reported to {@code cleanUps}.
     */
    public DynamoArticleStore(DynamoDbClient dynamo, String table, RequestDeadline deadline, CleanUpLog cleanUps) {
        this(dynamo, table, deadline, cleanUps, Clock.systemUTC());
    }

    /** @param clock what the changes feed stamps each commit with */
    public DynamoArticleStore(DynamoDbClient dynamo, String table, RequestDeadline deadline, CleanUpLog cleanUps, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.calls = new Dynamo(deadline);
        this.versions = new VersionedArticles(dynamo, table, calls, cleanUps, clock);
    }

    @Override
    public Optional<StoredArticle> read(String id) {
        return versions.read(id).map(ArticleVersion::stored);
    }

    @Override
    public Article create(Article article, String createdBy, boolean slugGiven, Instant now) {
        return versions.create(article, createdBy, slugGiven, now);
    }

    @Override
    public Optional<StoredArticle> bySlug(String slug) {
        return versions.bySlug(slug).map(ArticleVersion::stored);
    }

    /**
     * One Query of ByChange, oldest first: article items and tombstones, at the time of their last change (a
     * scheduled article at its publishedAt), whole by construction as the commit wrote the entry; and go-live entries
     * of rescheduled articles, each read with one consistent GetItem of its article item (they are rare).
     */
    @Override
    public ChangePage changes(String afterPosition, int limit, Instant before) {
        Map<String, AttributeValue> start = new HashMap<>(Keys.feedItemKey(afterPosition));
        start.put(Keys.FEED_PK, Attributes.s(Keys.FEED));
        start.put(Keys.CHANGE_SK, Attributes.s(afterPosition));
        QueryRequest query = QueryRequest.builder().tableName(table).indexName("ByChange")
                .keyConditionExpression("#pk = :feed AND #sk < :before")
                .expressionAttributeNames(Map.of("#pk", Keys.FEED_PK, "#sk", Keys.CHANGE_SK))
                .expressionAttributeValues(Map.of(":feed", Attributes.s(Keys.FEED), ":before", Attributes.s(Timestamps.sortable(before))))
                .exclusiveStartKey(start).scanIndexForward(true).limit(limit).build();
        QueryResponse response = calls.call("read changes",
                timeout -> dynamo.query(query.toBuilder().overrideConfiguration(timeout).build()));
        List<Change> changes = new ArrayList<>(response.items().size());
        for (Map<String, AttributeValue> item : response.items()) {
            String position = item.get(Keys.CHANGE_SK).s();
            if (VersionedItems.isGoLive(item)) {
                goLive(item.get("id").s(), position, before).ifPresent(changes::add);
            } else {
                changes.add(change(item, position, before));
            }
        }
        String last = response.items().isEmpty() ? null : response.items().getLast().get(Keys.CHANGE_SK).s();
        return new ChangePage(changes, response.lastEvaluatedKey() != null && !response.lastEvaluatedKey().isEmpty(), last);
    }

    /** An article's own entry: a tombstone, an unpublished article, or one rescheduled into the future is a delete. */
    private static Change change(Map<String, AttributeValue> item, String position, Instant before) {
        String id = item.get("id").s();
        if (VersionedItems.isTombstone(item)) {
            return new Change.Delete(id, Instant.parse(item.get(VersionedItems.DELETED_AT).s()), position);
        }
        Article article = ArticleItems.fromItem(item);
        // Not live: unpublished, or (its entry before its publishedAt) rescheduled while readers held it.
        return article.isLive(before) ? new Change.Upsert(article, position)
                : new Change.Delete(id, Timestamps.parseSortable(position), position);
    }

    /** A go-live entry: its article as it is now, shown as its own entry would be, and nothing to readers who cannot hold it. */
    private Optional<Change> goLive(String id, String position, Instant before) {
        Map<String, AttributeValue> item = calls.call("read article going live", timeout -> dynamo.getItem(r -> r
                .overrideConfiguration(timeout).tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true))).item();
        if (item == null || item.isEmpty() || !item.containsKey(Keys.CHANGE_SK)) {
            return Optional.empty(); // gone long ago, or never seen by a reader
        }
        if (!VersionedItems.isTombstone(item)) {
            ArticleVersion article = VersionedItems.fromItem(item);
            if (!article.article().isLive(before) && !article.heldAt(before)) {
                return Optional.empty(); // rescheduled again before anyone could read it: nothing about it leaks
            }
        }
        return Optional.of(change(item, position, before));
    }

    /** Article items only (one per article, whole by construction): no pending entries to resolve. */
    @Override
    public Page preview(PreviewFilter filter, String afterListSk, int limit, Instant now) {
        List<Article> items = new ArrayList<>(limit + 1);
        Map<String, AttributeValue> startKey = afterListSk == null ? null : PreviewQueries.startKey(filter, afterListSk);
        for (int queries = 0; queries < MAX_QUERIES_PER_PAGE; queries++) {
            Optional<QueryRequest> query = PreviewQueries.query(table, filter, startKey, limit + 1 - items.size(), now);
            if (query.isEmpty()) {
                return new Page(List.of(), null);
            }
            QueryResponse response = calls.call("preview articles",
                    timeout -> dynamo.query(query.get().toBuilder().overrideConfiguration(timeout).build()));
            response.items().forEach(item -> items.add(ArticleItems.fromItem(item)));
            if (items.size() > limit) {
                List<Article> page = items.subList(0, limit);
                return new Page(List.copyOf(page), Keys.listSk(page.getLast()));
            }
            if (response.lastEvaluatedKey() == null || response.lastEvaluatedKey().isEmpty()) {
                return new Page(List.copyOf(items), null);
            }
            startKey = response.lastEvaluatedKey();
        }
        // A selective filter over many articles: the next page goes on after the last article read.
        return new Page(List.copyOf(items), startKey.get(Keys.LIST_SK).s());
    }

    @Override
    public StoredArticle edit(String id, Function<StoredArticle, Article> change, Instant now) {
        return versions.edit(id, change, now);
    }

    @Override
    public void delete(String id, Consumer<StoredArticle> check, Instant now) {
        versions.delete(id, check, now);
    }

    @Override
    public void finish(String id) {
        versions.finish(id);
    }

    @Override
    public Page list(ListFilter filter, String afterListSk, int limit, Instant now) {
        List<Article> items = new ArrayList<>(limit + 1);
        Set<String> ids = new HashSet<>();
        PendingEntries entries = new PendingEntries(dynamo, calls, table, filter);
        Map<String, AttributeValue> startKey = null;
        String lastRead = afterListSk;
        String lastGroupShown = null;
        String beforeLastRead = afterListSk;
        for (int queries = 0; queries < MAX_QUERIES_PER_PAGE; queries++) {
            // One more than the page needs, to tell whether another page follows.
            Optional<QueryRequest> query = ListQueries.query(table, filter, afterListSk, limit + 1 - items.size(), now);
            if (query.isEmpty()) {
                return new Page(List.of(), null);
            }
            // Within a page, go on from the exact last key: an article may have two entries at one listSk.
            QueryRequest next = startKey == null ? query.get() : query.get().toBuilder().exclusiveStartKey(startKey).build();
            QueryResponse response = calls.call("list articles",
                    timeout -> dynamo.query(next.toBuilder().overrideConfiguration(timeout).build()));
            for (Map<String, AttributeValue> item : response.items()) {
                String listSk = item.get(Keys.LIST_SK).s();
                if (!listSk.equals(lastRead)) {
                    beforeLastRead = lastRead;
                    lastRead = listSk;
                }
                // Each article once a page: a tag partition holds two entries of an article whose author changed.
                Optional<Article> shown = entries.visible(item).filter(article -> ids.add(article.id()));
                if (shown.isPresent()) {
                    items.add(shown.get());
                    lastGroupShown = listSk;
                }
            }
            if (items.size() > limit) {
                List<Article> page = items.subList(0, limit);
                return new Page(List.copyOf(page), Keys.listSk(page.getLast()));
            }
            if (response.lastEvaluatedKey() == null || response.lastEvaluatedKey().isEmpty()) {
                return new Page(List.copyOf(items), null);
            }
            startKey = response.lastEvaluatedKey();
        }
        // Many skipped entries in a row: stop, and let the next page go on after the last listSk read in full
        // (the last one read may have an unread second entry, unless this page shows its article already).
        boolean lastReadInFull = lastRead.equals(lastGroupShown) || beforeLastRead == null;
        return new Page(List.copyOf(items), lastReadInFull ? lastRead : beforeLastRead);
    }
}
