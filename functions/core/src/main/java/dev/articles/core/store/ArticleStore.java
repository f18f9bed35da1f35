package dev.articles.core.store;

import dev.articles.core.article.Article;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The articles in DynamoDB: fetch, lists and create. Every write commits with one conditional write of the
 * article item, its tag entries written pending before it (see {@link VersionedArticles}); lists show a
 * pending entry only as the article item's current version ({@link PendingEntries}), so a write that stops
 * midway leaves nothing torn anywhere.
 */
public final class ArticleStore {

    /** Query calls one list page may make when it skips entries of stopped writes: bounds its cost. */
    static final int MAX_QUERIES_PER_PAGE = 4;

    private final DynamoDbClient dynamo;
    private final String table;
    private final VersionedArticles versions;

    public ArticleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.versions = new VersionedArticles(dynamo, table);
    }

    /** A strongly consistent read, so a client that just created an article can fetch it at once. */
    public Optional<Article> get(String id) {
        Map<String, AttributeValue> item = Dynamo.call("get article", () -> dynamo.getItem(r -> r
                .tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true))).item();
        return item == null || item.isEmpty() || VersionedItems.isTombstone(item)
                ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }

    /** Stores a new article, see {@link VersionedArticles#create}; {@code createdBy} is the token's sub, or null. */
    public void create(Article article, String createdBy) {
        versions.create(article, createdBy);
    }

    /** One page of a list: up to {@code limit} summaries newest first, and where the next page starts. */
    public record Page(List<Article> items, String nextAfterListSk) {}

    public Page list(ListFilter filter, String afterListSk, int limit) {
        List<Article> items = new ArrayList<>(limit + 1);
        Set<String> ids = new HashSet<>();
        PendingEntries entries = new PendingEntries(dynamo, table);
        Map<String, AttributeValue> startKey = null;
        String lastRead = afterListSk;
        String lastGroupShown = null;
        String beforeLastRead = afterListSk;
        for (int queries = 0; queries < MAX_QUERIES_PER_PAGE; queries++) {
            // One more than the page needs, to tell whether another page follows.
            QueryRequest query = ListQueries.query(table, filter, afterListSk, limit + 1 - items.size());
            // Within a page, go on from the exact last key: an article may have two entries at one listSk.
            QueryRequest next = startKey == null ? query : query.toBuilder().exclusiveStartKey(startKey).build();
            QueryResponse response = Dynamo.call("list articles", () -> dynamo.query(next));
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
                return new Page(List.copyOf(page), Keys.listSk(page.getLast().publishedAt(), page.getLast().id()));
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
