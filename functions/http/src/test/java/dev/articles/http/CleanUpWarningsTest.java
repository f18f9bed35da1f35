package dev.articles.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.store.CleanUpLog;
import dev.articles.core.store.StoreUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleanUpWarningsTest {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void anUnfinishedCleanUpIsOneWarningLineThatCarriesItsMetricInEmbeddedMetricFormat() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CleanUpWarnings("stack-EditArticleFunction-x", new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(NOW, ZoneOffset.UTC)).unfinished("01JDQ8Z3V4K9T2X7M5N6P8R0SA",
                List.of(new CleanUpLog.Entry("TAG#politics", "2019-04-30T00:00:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA#Ann"),
                        new CleanUpLog.Entry("TAG#war", "2019-04-30T00:00:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA")),
                new StoreUnavailableException("confirm tag entry", new SocketTimeoutException("Read timed out")));

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(text);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-12-03T10:00:00Z");
        assertThat(line.get("function").asText()).isEqualTo("stack-EditArticleFunction-x");
        assertThat(line.get("articleId").asText()).isEqualTo("01JDQ8Z3V4K9T2X7M5N6P8R0SA");
        assertThat(line.get("left")).hasSize(2);
        assertThat(line.get("left").get(0).get("pk").asText()).isEqualTo("TAG#politics");
        assertThat(line.get("left").get(1).get("sk").asText()).isEqualTo("2019-04-30T00:00:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA");
        assertThat(line.get("cause").asText()).contains("confirm tag entry", "SocketTimeoutException", "Read timed out");
        // EMF: the metric's definition under _aws, its value and its dimension's value as top-level members.
        JsonNode aws = line.get("_aws");
        assertThat(aws.get("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        JsonNode directive = aws.get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo(EmbeddedMetrics.NAMESPACE).isEqualTo("Articles");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"function\"]]");
        assertThat(directive.get("Metrics").toString()).isEqualTo("[{\"Name\":\"UnfinishedCleanUps\",\"Unit\":\"Count\"}]");
        assertThat(line.get(CleanUpWarnings.METRIC).asInt()).isEqualTo(1);
    }
}
