package dev.articles.dynamodb;

import dev.articles.core.article.Timestamps;
import dev.articles.core.store.ListFilter;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The one Query each filter combination becomes. Every combination has a key of its own, so the page is a
 * contiguous, newest-first range of one partition and costs the same at any table size:
 * <pre>
 *   none          ByPublished  allPk = ARTICLES
 *   author        ByAuthor     authorPk = AUTHOR#a
 *   tag           table        pk = TAG#t               (tag entries)
 *   tag + author  ByTagAuthor  tagAuthorPk = TAGAUTHOR#n#t#a
 * </pre>
 * since/until narrow the sort key: every listSk ends in "#id", so the bare timestamp of {@code until} sorts
 * before all of that instant's entries and {@code BETWEEN :since AND :until} is exactly since <= t < until. The
 * public list's range always ends at now at the latest: scheduled articles sort ahead of it, unread.
 */
public final class ListQueries {

    private ListQueries() {}

    /** Where one filter's entries live. */
    public record Partition(String indexName, String partitionAttribute, String partitionValue, String sortAttribute) {}

    public static Partition partition(ListFilter filter) {
        if (filter.tag() != null && filter.author() != null) {
            return new Partition("ByTagAuthor", Keys.TAG_AUTHOR_PK, Keys.tagAuthor(filter.tag(), filter.author()), Keys.LIST_SK);
        }
        if (filter.tag() != null) {
            return new Partition(null, Keys.PK, Keys.tag(filter.tag()), Keys.SK);
        }
        if (filter.author() != null) {
            return new Partition("ByAuthor", Keys.AUTHOR_PK, Keys.author(filter.author()), Keys.LIST_SK);
        }
        return new Partition("ByPublished", Keys.ALL_PK, Keys.ALL_ARTICLES, Keys.LIST_SK);
    }

    /**
     * A page of the public list: live articles only. Drafts are in none of these partitions; scheduled articles
     * are, ahead of now, so the range ends at now and a page never reads one.
     *
     * @param afterListSk the listSk of the last entry of the previous page, or null for the first page
     * @param limit       how many entries to read
     * @return the Query, or empty when no article can match (since is after now)
     */
    public static Optional<QueryRequest> query(String table, ListFilter filter, String afterListSk, int limit, Instant now) {
        Partition partition = partition(filter);
        String until = Keys.liveBound(now);
        if (filter.until() != null && Timestamps.sortable(filter.until()).compareTo(until) < 0) {
            until = Timestamps.sortable(filter.until());
        }
        String since = filter.since() == null ? null : Timestamps.sortable(filter.since());
        if (since != null && since.compareTo(until) >= 0) {
            return Optional.empty();
        }
        return Optional.of(query(table, partition, since, until, limit, startKey(partition, filter, afterListSk)));
    }

    /**
     * One newest-first Query of a partition, its sort key in {@code [since, until)} (either may be null).
     *
     * @param startKey where to go on from, or null for the partition's newest entry in range
     */
    static QueryRequest query(String table, Partition partition, String since, String until, int limit,
            Map<String, AttributeValue> startKey) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        names.put("#pk", partition.partitionAttribute());
        values.put(":pk", AttributeValue.fromS(partition.partitionValue()));
        StringBuilder condition = new StringBuilder("#pk = :pk");
        if (since != null || until != null) {
            names.put("#sk", partition.sortAttribute());
            if (since != null) {
                values.put(":since", AttributeValue.fromS(since));
            }
            if (until != null) {
                values.put(":until", AttributeValue.fromS(until));
            }
            condition.append(since == null ? " AND #sk < :until"
                    : until == null ? " AND #sk >= :since"
                    : " AND #sk BETWEEN :since AND :until");
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(table)
                .indexName(partition.indexName())
                .keyConditionExpression(condition.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(limit);
        if (startKey != null) {
            query.exclusiveStartKey(startKey);
        }
        return query.build();
    }

    /** The full key of the entry at {@code listSk}: the index's key plus the table's, as DynamoDB requires. */
    static Map<String, AttributeValue> startKey(Partition partition, ListFilter filter, String listSk) {
        if (listSk == null) {
            return null;
        }
        Map<String, AttributeValue> key = new HashMap<>();
        key.put(partition.partitionAttribute(), AttributeValue.fromS(partition.partitionValue()));
        key.put(partition.sortAttribute(), AttributeValue.fromS(listSk));
        if (partition.indexName() == null) {
            return key;
        }
        if (filter.tag() != null) {
            // The entry's exact key: ties in an index's key are ordered by the table's key, so another would not
            // say where this entry is.
            key.put(Keys.PK, AttributeValue.fromS(Keys.tag(filter.tag())));
            key.put(Keys.SK, AttributeValue.fromS(EntryKey.sk(listSk, filter.author())));
        } else {
            key.put(Keys.PK, AttributeValue.fromS(Keys.article(Keys.idOf(listSk))));
            key.put(Keys.SK, AttributeValue.fromS(Keys.ARTICLE_SK));
        }
        return key;
    }
}
