package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.store.ListFilter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The exact Query each filter combination sends: one key condition ending at now at the latest (scheduled articles
 * sort after it), newest first, never a filter expression.
 */
class ListQueriesTest {

    static final Instant SINCE = Instant.parse("2019-01-01T00:00:00Z");
    static final Instant UNTIL = Instant.parse("2019-05-01T00:00:00Z");
    static final String AFTER = "2019-04-30T14:05:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA";
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    /** Just after now: an article published at now is live. */
    static final String LIVE = "2026-12-03T10:00:00.000000001Z";

    @Test
    void allArticles() {
        QueryRequest query = ListQueries.query("t", ListFilter.ALL, null, 21, NOW).orElseThrow();
        assertThat(query).isEqualTo(QueryRequest.builder()
                .tableName("t").indexName("ByPublished")
                .keyConditionExpression("#pk = :pk AND #sk < :until")
                .expressionAttributeNames(Map.of("#pk", "allPk", "#sk", "listSk"))
                .expressionAttributeValues(Map.of(":pk", s("ARTICLES"), ":until", s(LIVE)))
                .scanIndexForward(false).limit(21).build());
    }

    @Test
    void byAuthorSinceUntilAfterACursor() {
        QueryRequest query = ListQueries.query("t", new ListFilter(null, "Staff reporter", SINCE, UNTIL), AFTER, 21, NOW).orElseThrow();
        assertThat(query.indexName()).isEqualTo("ByAuthor");
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk BETWEEN :since AND :until");
        assertThat(query.expressionAttributeNames()).isEqualTo(Map.of("#pk", "authorPk", "#sk", "listSk"));
        assertThat(query.expressionAttributeValues()).isEqualTo(Map.of(
                ":pk", s("AUTHOR#Staff reporter"),
                ":since", s("2019-01-01T00:00:00.000000000Z"),
                ":until", s("2019-05-01T00:00:00.000000000Z")));
        assertThat(query.exclusiveStartKey()).isEqualTo(Map.of(
                "authorPk", s("AUTHOR#Staff reporter"), "listSk", s(AFTER),
                "pk", s("ARTICLE#01JDQ8Z3V4K9T2X7M5N6P8R0SA"), "sk", s("ARTICLE")));
        assertThat(query.filterExpression()).isNull();
    }

    @Test
    void byTagReadsTheTagEntriesOfTheTable() {
        QueryRequest query = ListQueries.query("t", new ListFilter("politics", null, SINCE, null), AFTER, 101, NOW).orElseThrow();
        assertThat(query.indexName()).isNull();
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk BETWEEN :since AND :until");
        assertThat(query.expressionAttributeValues()).containsEntry(":until", s(LIVE));
        assertThat(query.expressionAttributeNames()).isEqualTo(Map.of("#pk", "pk", "#sk", "sk"));
        assertThat(query.expressionAttributeValues()).containsEntry(":pk", s("TAG#politics"));
        assertThat(query.exclusiveStartKey()).isEqualTo(Map.of("pk", s("TAG#politics"), "sk", s(AFTER)));
        assertThat(query.limit()).isEqualTo(101);
        assertThat(query.scanIndexForward()).isFalse();
    }

    @Test
    void byTagAndAuthorUntil() {
        QueryRequest query = ListQueries.query("t", new ListFilter("a#b", "c", null, UNTIL), AFTER, 21, NOW).orElseThrow();
        assertThat(query.indexName()).isEqualTo("ByTagAuthor");
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk < :until");
        assertThat(query.expressionAttributeValues()).containsEntry(":pk", s("TAGAUTHOR#3#a#b#c"));
        assertThat(query.exclusiveStartKey()).isEqualTo(Map.of(
                "tagAuthorPk", s("TAGAUTHOR#3#a#b#c"), "listSk", s(AFTER),
                "pk", s("TAG#a#b"), "sk", s(AFTER + "#c")));
    }

    @Test
    void untilLaterThanNowEndsAtNow() {
        QueryRequest query = ListQueries.query("t", new ListFilter(null, null, null, NOW.plusSeconds(3600)), null, 21, NOW).orElseThrow();
        assertThat(query.expressionAttributeValues()).containsEntry(":until", s(LIVE));
    }

    @Test
    void sinceAfterNowReadsNothing() {
        assertThat(ListQueries.query("t", new ListFilter(null, null, NOW.plusMillis(1), null), null, 21, NOW)).isEmpty();
    }

    @Test
    void anArticlePublishedAtNowIsInTheRange() {
        assertThat(Keys.listSk(NOW, "01JDQ8Z3V4K9T2X7M5N6P8R0SA")).isLessThan(Keys.liveBound(NOW));
        assertThat(Keys.listSk(NOW.plusNanos(1), "01JDQ8Z3V4K9T2X7M5N6P8R0SA")).isGreaterThan(Keys.liveBound(NOW));
    }

    @Test
    void tagAuthorKeysOfDifferentPairsNeverCollide() {
        assertThat(Keys.tagAuthor("x#AUTHOR#y", "z")).isNotEqualTo(Keys.tagAuthor("x", "y#AUTHOR#z"));
        assertThat(Keys.tagAuthor("a#b", "c")).isNotEqualTo(Keys.tagAuthor("a", "b#c"));
    }
}
