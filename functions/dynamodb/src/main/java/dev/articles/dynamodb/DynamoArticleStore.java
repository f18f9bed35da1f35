package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The articles in DynamoDB, written so that each becomes visible at one instant without transactions:
 * its tag entries go first, marked pending; the article item, written with attribute_not_exists, is the
 * commit point; then the entries lose their mark. Readers show a pending entry only once its article item
 * exists, so a create that fails midway leaves nothing visible anywhere.
 */
public final class DynamoArticleStore implements ArticleStore {

    /** Query calls one list page may make when it skips entries of failed creates: bounds its cost. */
    static final int MAX_QUERIES_PER_PAGE = 4;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoArticleStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Article> get(String id) {
        Map<String, AttributeValue> item = Dynamo.call("get article", () -> dynamo.getItem(r -> r
                .tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(ArticleItems.fromItem(item));
    }

    /**
     * Safe to repeat with the same article (a resumed idempotent create): tag entries are overwritten with the
     * same content and an article item that exists already counts as written.
     */
    @Override
    public void create(Article article) {
        for (String tag : article.tags()) {
            Dynamo.call("put tag entry", () -> dynamo.putItem(r -> r
                    .tableName(table).item(ArticleItems.tagEntry(article, tag))));
        }
        try {
            Dynamo.call("put article", () -> dynamo.putItem(r -> r
                    .tableName(table).item(ArticleItems.article(article))
                    .conditionExpression("attribute_not_exists(pk)")));
        } catch (ConditionalCheckFailedException alreadyWritten) {
            // An earlier attempt of this same create got this far: the article is there.
        }
        for (String tag : article.tags()) {
            clearPending(article, tag);
        }
    }

    /** Best effort: an entry left pending stays correct, it only costs readers one GetItem to confirm. */
    private void clearPending(Article article, String tag) {
        try {
            Dynamo.call("clear pending", () -> dynamo.updateItem(r -> r
                    .tableName(table).key(ArticleItems.tagEntryKey(article, tag))
                    .updateExpression("REMOVE " + ArticleItems.PENDING)
                    .conditionExpression("attribute_exists(pk)")));
        } catch (StoreUnavailableException | ConditionalCheckFailedException e) {
            // The article is committed; see the method comment.
        }
    }

    @Override
    public Page list(ListFilter filter, String afterListSk, int limit) {
        List<Article> items = new ArrayList<>(limit + 1);
        String lastRead = afterListSk;
        String position = afterListSk;
        for (int queries = 0; queries < MAX_QUERIES_PER_PAGE; queries++) {
            String start = position;
            // One more than the page needs, to tell whether another page follows.
            int wanted = limit + 1 - items.size();
            QueryResponse response = Dynamo.call("list articles",
                    () -> dynamo.query(ListQueries.query(table, filter, start, wanted)));
            for (Map<String, AttributeValue> item : response.items()) {
                lastRead = item.get(Keys.LIST_SK).s();
                if (!ArticleItems.isPending(item) || exists(Keys.idOf(lastRead))) {
                    items.add(ArticleItems.fromItem(item));
                }
            }
            if (items.size() > limit) {
                List<Article> page = items.subList(0, limit);
                return new Page(List.copyOf(page), Keys.listSk(page.getLast().publishedAt(), page.getLast().id()));
            }
            if (response.lastEvaluatedKey() == null || response.lastEvaluatedKey().isEmpty()) {
                return new Page(List.copyOf(items), null);
            }
            position = lastRead;
        }
        // Many entries of failed creates in a row: stop reading, and let the next page go on from here.
        return new Page(List.copyOf(items), lastRead);
    }

    private boolean exists(String id) {
        Map<String, AttributeValue> item = Dynamo.call("confirm article", () -> dynamo.getItem(r -> r
                .tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true)
                .projectionExpression(Keys.PK))).item();
        return item != null && !item.isEmpty();
    }
}
