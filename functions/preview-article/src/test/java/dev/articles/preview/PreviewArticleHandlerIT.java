package dev.articles.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's sample and this module's cases. */
class PreviewArticleHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final PreviewArticleHandler HANDLER = new PreviewArticleHandler(ENV);
    /** The sample's article id and its token's subject. */
    static final String SAMPLE_ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";
    static final String SAMPLE_SUB = "7c1e4a52-3b9f-4d0a-8e61-2f5b9c0d4a17";

    /** The sample, naming a draft its subject created (ids are the server's, so the sample's is replaced). */
    static EventFile previewOfADraft() {
        ApiResponse created = new TestApi(ENV).call(ApiEvent.create("{\"title\":\"Crowds gather at the airbase\","
                + "\"body\":\"Full text.\",\"status\":\"draft\"}").claim("sub", SAMPLE_SUB));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        EventFile sample = EventFile.sample("preview-article.json", 200);
        String event = new String(sample.json(), StandardCharsets.UTF_8).replace(SAMPLE_ID, created.json().get("id").asText());
        return new EventFile(sample.name(), event.getBytes(StandardCharsets.UTF_8), 200);
    }

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(previewOfADraft()), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 200) {
            assertThat(response.json().get("status").asText()).isEqualTo("draft");
            assertThat(response.header("ETag")).isNotBlank();
            assertThat(response.header("Cache-Control")).isEqualTo("private, no-store");
        }
    }
}
