package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.changes.Change;
import dev.articles.core.search.SearchIndexMissingException;
import dev.articles.core.search.SearchIndexingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The _bulk body built for a page of changes, and how each answer is read. */
class BulkTest {

    static final String ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";

    static final Article ARTICLE = new Article(ID, "crowds-gather-at-the-airbase", Status.PUBLISHED,
            "Crowds gather at the airbase", "Opposition supporters \"marched\" towards the airbase.", "Full text.\n\nSecond <b>paragraph</b>.",
            "Staff reporter", null, null, List.of("venezuela", "politics"), Instant.parse("2019-04-30T14:05:00Z"),
            Instant.parse("2026-11-24T18:03:11.482Z"), Instant.parse("2026-11-24T19:40:02.117Z"));

    static final List<Change> PAGE = List.of(
            new Change.Upsert(ARTICLE, "2026-12-03T10:00:00.123456789Z#" + ID),
            new Change.Delete("01JDQ8Z3V4K9T2X7M5N6P8R0SB", Instant.parse("2026-12-03T10:00:01.5Z"),
                    "2026-12-03T10:00:01.500000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SB"));

    static String resource(String name) throws IOException {
        try (InputStream in = BulkTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static OpenSearchClient.Response answer(int status, String json) {
        return new OpenSearchClient.Response(status, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPageIsOneNdjsonBodyOfExternallyVersionedActions() throws IOException {
        List<byte[]> requests = Bulk.requests(PAGE, Bulk.MAX_REQUEST_BYTES);
        assertThat(requests).hasSize(1);
        assertThat(new String(requests.getFirst(), StandardCharsets.UTF_8)).isEqualTo(resource("bulk-page.ndjson"));
    }

    @Test
    void aPageLargerThanARequestIsSplitBetweenChangesInOrder() {
        int upsert = Bulk.action(PAGE.get(0)).length;
        List<byte[]> requests = Bulk.requests(PAGE, upsert + 1);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).isEqualTo(Bulk.action(PAGE.get(0)));
        assertThat(requests.get(1)).isEqualTo(Bulk.action(PAGE.get(1)));
        assertThat(Bulk.requests(List.of(), Bulk.MAX_REQUEST_BYTES)).isEmpty();
    }

    @Test
    void aVersionConflictIsAChangeAlreadyAppliedAndADeleteOfNothingIsDone() {
        Bulk.Outcome outcome = Bulk.check(answer(200, """
                {"took":3,"errors":true,"items":[
                 {"index":{"_index":"articles-1","_id":"a","_version":7,"result":"created","status":201}},
                 {"index":{"_index":"articles-1","_id":"b","status":409,"error":{"type":"version_conflict_engine_exception",
                   "reason":"[b]: version conflict, current version [9] is higher or equal to the one provided [8]","index":"articles-1"}}},
                 {"delete":{"_index":"articles-1","_id":"c","_version":3,"result":"not_found","status":404}}]}"""));
        assertThat(outcome).isEqualTo(new Bulk.Outcome(2, 1));
    }

    @Test
    void anyOtherRefusedActionFailsTheRun() {
        assertThatThrownBy(() -> Bulk.check(answer(200, """
                {"took":3,"errors":true,"items":[
                 {"index":{"_index":"articles-1","_id":"a","status":201}},
                 {"index":{"_index":"articles-1","_id":"b","status":400,"error":{"type":"mapper_parsing_exception",
                   "reason":"failed to parse field [publishedAt]","caused_by":{"type":"illegal_argument_exception","reason":"x"}}}}]}""")))
                .isInstanceOf(SearchIndexingException.class).hasMessageContaining("mapper_parsing_exception")
                .hasMessageContaining("publishedAt");
        assertThatThrownBy(() -> Bulk.check(answer(200, """
                {"errors":true,"items":[{"index":{"_id":"a","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}}]}""")))
                .isInstanceOf(SearchIndexingException.class);
        assertThatThrownBy(() -> Bulk.check(answer(400, "{\"error\":{\"type\":\"illegal_argument_exception\"},\"status\":400}")))
                .isInstanceOf(SearchIndexingException.class);
        assertThatThrownBy(() -> Bulk.check(answer(200, "not json"))).isInstanceOf(SearchIndexingException.class);
    }

    @Test
    void anAliasRequiredAndAbsentIsAMissingIndex() {
        assertThatThrownBy(() -> Bulk.check(answer(200, """
                {"errors":true,"items":[{"index":{"_index":"articles","_id":"a","status":404,"error":{"type":"index_not_found_exception",
                  "reason":"no such index [articles] and [require_alias] request flag is [true] and [articles] is not an alias","index":"articles"}}}]}""")))
                .isInstanceOf(SearchIndexMissingException.class);
    }
}
