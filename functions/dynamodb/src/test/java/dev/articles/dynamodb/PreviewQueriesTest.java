package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.article.Publication;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PreviewFilter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The Query a preview page sends: an editor's over ByPreview, a reporter's over ByCreator. */
class PreviewQueriesTest {

    static final Instant NOW = ListQueriesTest.NOW;

    @Test
    void anEditorReadsEveryArticleNewestFirst() {
        QueryRequest query = PreviewQueries.query("t", new PreviewFilter(ListFilter.ALL, null, null), null, 21, NOW).orElseThrow();
        assertThat(query).isEqualTo(QueryRequest.builder()
                .tableName("t").indexName("ByPreview")
                .keyConditionExpression("#pk = :pk")
                .expressionAttributeNames(Map.of("#pk", "previewPk"))
                .expressionAttributeValues(Map.of(":pk", s("ARTICLES")))
                .scanIndexForward(false).limit(21).build());
    }

    @Test
    void aReporterReadsTheirOwnLiveOnesEndingAtNow() {
        QueryRequest query = PreviewQueries.query("t", new PreviewFilter(ListFilter.ALL, Publication.LIVE, "sub-ann"),
                null, 21, NOW).orElseThrow();
        assertThat(query.indexName()).isEqualTo("ByCreator");
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk < :until");
        assertThat(query.expressionAttributeValues()).containsEntry(":pk", s("CREATOR#sub-ann"))
                .containsEntry(":until", s(ListQueriesTest.LIVE)).containsEntry(":published", s("published"));
        assertThat(query.filterExpression()).isEqualTo("(attribute_not_exists(#status) OR #status = :published)");
        assertThat(query.limit()).isEqualTo(PreviewQueries.FILTERED_READ);
    }

    @Test
    void scheduledStartsAtNowAndTagAndAuthorFilter() {
        QueryRequest query = PreviewQueries.query("t", new PreviewFilter(new ListFilter("politics", "Ann", null, null),
                Publication.SCHEDULED, null), null, 21, NOW).orElseThrow();
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk >= :since");
        assertThat(query.filterExpression())
                .isEqualTo("contains(#tags, :tag) AND #author = :author AND (attribute_not_exists(#status) OR #status = :published)");
    }

    @Test
    void draftsAreAFilterOverTheWholeRange() {
        QueryRequest query = PreviewQueries.query("t", new PreviewFilter(ListFilter.ALL, Publication.DRAFT, null), null, 21, NOW).orElseThrow();
        assertThat(query.keyConditionExpression()).isEqualTo("#pk = :pk");
        assertThat(query.filterExpression()).isEqualTo("#status = :draft");
    }

    @Test
    void scheduledBeforeNowIsEmpty() {
        assertThat(PreviewQueries.query("t", new PreviewFilter(new ListFilter(null, null, null, NOW), Publication.SCHEDULED, null),
                null, 21, NOW)).isEmpty();
    }

    @Test
    void aCursorStartsAfterItsArticleInTheIndex() {
        assertThat(PreviewQueries.startKey(new PreviewFilter(ListFilter.ALL, null, "s"), ListQueriesTest.AFTER)).isEqualTo(Map.of(
                "creatorPk", s("CREATOR#s"), "listSk", s(ListQueriesTest.AFTER),
                "pk", s("ARTICLE#01JDQ8Z3V4K9T2X7M5N6P8R0SA"), "sk", s("ARTICLE")));
    }
}
