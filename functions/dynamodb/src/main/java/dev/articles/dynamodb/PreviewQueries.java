package dev.articles.dynamodb;

import dev.articles.core.article.Publication;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PreviewFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The Query a preview list page becomes. Every article item is in ByPreview, and one with a creator in ByCreator
 * (a reporter's own articles), both ordered by listSk, drafts at their updatedAt:
 * <pre>
 *   editor     ByPreview  previewPk = ARTICLES
 *   reporter   ByCreator  creatorPk = CREATOR#sub
 * </pre>
 * since/until and the live/scheduled split narrow the sort key as the public list's do (live ends at now, scheduled
 * starts there); tag, author and draft-or-published are a filter on what the range reads, so a filtered preview
 * page may read articles it does not show: the newsroom's own list, not the public's.
 */
final class PreviewQueries {

    /** Articles one filtered Query reads at least: a selective filter fills a page in few Queries. */
    static final int FILTERED_READ = 100;

    private PreviewQueries() {}

    static ListQueries.Partition partition(PreviewFilter filter) {
        return filter.createdBy() == null
                ? new ListQueries.Partition("ByPreview", Keys.PREVIEW_PK, Keys.ALL_ARTICLES, Keys.LIST_SK)
                : new ListQueries.Partition("ByCreator", Keys.CREATOR_PK, Keys.creator(filter.createdBy()), Keys.LIST_SK);
    }

    /**
     * @param startKey where to go on from (the cursor's article, or the last Query's LastEvaluatedKey), or null
     * @param wanted   how many more articles the page needs
     * @return the Query, or empty when the filter's range is empty
     */
    static Optional<QueryRequest> query(String table, PreviewFilter filter, Map<String, AttributeValue> startKey,
            int wanted, Instant now) {
        ListFilter list = filter.list();
        String since = list.since() == null ? null : Timestamps.sortable(list.since());
        String until = list.until() == null ? null : Timestamps.sortable(list.until());
        String live = Keys.liveBound(now);
        if (filter.publication() == Publication.LIVE && (until == null || live.compareTo(until) < 0)) {
            until = live;
        }
        if (filter.publication() == Publication.SCHEDULED && (since == null || live.compareTo(since) > 0)) {
            since = live;
        }
        if (since != null && until != null && since.compareTo(until) >= 0) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        if (list.tag() != null) {
            conditions.add("contains(#tags, :tag)");
            names.put("#tags", "tags");
            values.put(":tag", Attributes.s(list.tag()));
        }
        if (list.author() != null) {
            conditions.add("#author = :author");
            names.put("#author", "author");
            values.put(":author", Attributes.s(list.author()));
        }
        if (filter.publication() != null) {
            names.put("#status", ArticleItems.STATUS);
            if (filter.publication() == Publication.DRAFT) {
                conditions.add("#status = :draft");
                values.put(":draft", Attributes.s(Status.DRAFT.json()));
            } else { // an item written before drafts existed has no status: published
                conditions.add("(attribute_not_exists(#status) OR #status = :published)");
                values.put(":published", Attributes.s(Status.PUBLISHED.json()));
            }
        }
        int read = conditions.isEmpty() ? wanted : Math.max(wanted, FILTERED_READ);
        QueryRequest query = ListQueries.query(table, partition(filter), since, until, read, startKey);
        QueryRequest.Builder builder = query.toBuilder();
        if (!conditions.isEmpty()) {
            Map<String, String> allNames = new HashMap<>(query.expressionAttributeNames());
            allNames.putAll(names);
            Map<String, AttributeValue> allValues = new HashMap<>(query.expressionAttributeValues());
            allValues.putAll(values);
            builder.filterExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(allNames).expressionAttributeValues(allValues);
        }
        return Optional.of(builder.build());
    }

    /** The key a page after {@code listSk} starts from: the article's key in the index. */
    static Map<String, AttributeValue> startKey(PreviewFilter filter, String listSk) {
        return ListQueries.startKey(partition(filter), ListFilter.ALL, listSk);
    }
}
