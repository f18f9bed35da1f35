package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.store.ListFilter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a list shows for one tag entry. An entry without {@code pending} is its article's current version, as
 * it is. A pending one may be ahead of its article item (a write before its commit), behind it (a write after
 * its commit, before its clean-up) or left by a write that stopped: it is shown only as the article item's
 * current version, read consistently, and only where that version belongs: in the tag's own partition, where it
 * has the tag at this listSk (whichever author the entry's key names: during an author change the old and the new
 * entry stand side by side, and a page that read one before the commit and comes to the other after the clean-up
 * must still find the article there); under tag and author, where it has this very entry. One instance serves one
 * page of one list, reading each article at most once.
 */
final class PendingEntries {

    /** The article item's attributes a summary and its entry keys need: not body, which a list never shows. */
    private static final String[] SUMMARY = {"id", ArticleItems.SLUG, ArticleItems.STATUS, "title", "summary", "author", "source", "sourceUrl", "tags",
            "publishedAt", "createdAt", VersionedItems.UPDATED_AT, VersionedItems.VERSION, VersionedItems.DELETED_AT};

    private final DynamoDbClient dynamo;
    private final Dynamo calls;
    private final String table;
    private final ListFilter filter;
    private final Map<String, Optional<ArticleVersion>> current = new HashMap<>();

    PendingEntries(DynamoDbClient dynamo, Dynamo calls, String table, ListFilter filter) {
        this.dynamo = dynamo;
        this.calls = calls;
        this.table = table;
        this.filter = filter;
    }

    /** The version this list item shows, or empty when the entry is to be skipped. */
    Optional<Article> visible(Map<String, AttributeValue> entry) {
        if (!ArticleItems.isPending(entry)) {
            return Optional.of(ArticleItems.fromItem(entry));
        }
        return current.computeIfAbsent(entry.get("id").s(), this::read)
                .filter(article -> belongs(article, entry))
                .map(ArticleVersion::article);
    }

    private boolean belongs(ArticleVersion current, Map<String, AttributeValue> entry) {
        if (filter.author() == null) {
            Article article = current.article();
            return article.status() == Status.PUBLISHED && article.tags().contains(filter.tag())
                    && Keys.listSk(article).equals(entry.get(Keys.LIST_SK).s());
        }
        return current.entryKeys().contains(EntryKey.of(entry));
    }

    private Optional<ArticleVersion> read(String id) {
        Map<String, String> names = new HashMap<>();
        StringBuilder projection = new StringBuilder();
        for (int i = 0; i < SUMMARY.length; i++) {
            names.put("#a" + i, SUMMARY[i]);
            projection.append(i == 0 ? "" : ",").append("#a").append(i);
        }
        Map<String, AttributeValue> item = calls.call("confirm article", timeout -> dynamo.getItem(r -> r.overrideConfiguration(timeout)
                .tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true)
                .projectionExpression(projection.toString()).expressionAttributeNames(names))).item();
        if (item == null || item.isEmpty() || VersionedItems.isTombstone(item)) {
            return Optional.empty();
        }
        return Optional.of(VersionedItems.fromItem(item));
    }
}
