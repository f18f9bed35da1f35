package dev.articles.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.routes.IndexChanges;
import dev.articles.http.EmbeddedMetrics;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The event the indexer reads (only {"reindex": true} means anything) and the line it logs per run. */
class IndexArticlesHandlerTest {

    static boolean reindex(String event) {
        return IndexArticlesHandler.reindexRequested(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReindexIsRequestedByExactlyReindexTrue() {
        assertThat(reindex("{\"reindex\":true}")).isTrue();
        assertThat(reindex(" { \"other\": {\"reindex\": false}, \"reindex\" : true } ")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "not json", "{\"reindex\":\"true\"}", "{\"reindex\":false}", "{\"reindex\":1}",
            "{\"Records\":[{\"eventName\":\"MODIFY\",\"dynamodb\":{\"Keys\":{\"pk\":{\"S\":\"ARTICLE#x\"},\"sk\":{\"S\":\"ARTICLE\"}}}}]}",
            "{\"version\":\"0\",\"source\":\"aws.scheduler\",\"detail\":{\"reindex\":true}}"})
    void anyOtherEventIsAWakeUp(String event) {
        assertThat(reindex(event)).isFalse();
    }

    @Test
    void aRunLogsOneLineWithTheLagAndWhetherItIsRebuildingAsEmbeddedMetrics() throws Exception {
        Instant start = Instant.parse("2026-12-03T10:00:00Z");
        IndexChanges.Run run = new IndexChanges.Run(IndexChanges.Outcome.UP_TO_DATE, false, false, 2, 3, 1, Duration.ofMillis(5_250));
        JsonNode line = new ObjectMapper().readTree(IndexArticlesHandler.runLine("stack-IndexArticlesFunction-x", run, start,
                start.toEpochMilli() + 1_500));
        assertThat(line.get("function").asText()).isEqualTo("stack-IndexArticlesFunction-x");
        assertThat(line.get("outcome").asText()).isEqualTo("UP_TO_DATE");
        assertThat(line.get("pages").asInt()).isEqualTo(2);
        assertThat(line.get("upserts").asInt()).isEqualTo(3);
        assertThat(line.get("deletes").asInt()).isEqualTo(1);
        assertThat(line.get("durationMs").asLong()).isEqualTo(1_500);
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo(EmbeddedMetrics.NAMESPACE);
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"function\"]]");
        assertThat(directive.get("Metrics").toString()).isEqualTo("[{\"Name\":\"SearchIndexLagSeconds\",\"Unit\":\"Seconds\"},"
                + "{\"Name\":\"SearchIndexRebuilding\",\"Unit\":\"None\"}]");
        assertThat(line.get(IndexArticlesHandler.LAG_METRIC).asDouble()).isEqualTo(5.25);
        assertThat(line.get(IndexArticlesHandler.REBUILDING_METRIC).asInt()).isZero();
        assertThat(line.get("rebuilding").asBoolean()).isFalse();

        IndexChanges.Run rebuilding = new IndexChanges.Run(IndexChanges.Outcome.OUT_OF_TIME, true, true, 1, 100, 0, Duration.ofSeconds(40));
        line = new ObjectMapper().readTree(IndexArticlesHandler.runLine("f", rebuilding, start, start.toEpochMilli()));
        assertThat(line.get("rebuilding").asBoolean()).isTrue();
        assertThat(line.get(IndexArticlesHandler.REBUILDING_METRIC).asInt()).isEqualTo(1);
        assertThat(line.get(IndexArticlesHandler.LAG_METRIC).asDouble()).as("the time since the rebuild began").isEqualTo(40.0);
    }
}
