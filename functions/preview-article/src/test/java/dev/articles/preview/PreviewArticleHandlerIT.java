package dev.articles.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's samples and this module's cases. */
class PreviewArticleHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final PreviewArticleHandler HANDLER = new PreviewArticleHandler(ENV);

    /** The draft the sample event previews, created by the event's subject. */
    @BeforeAll
    static void seed() {
        Instant created = Instant.parse("2026-11-24T18:03:11.482Z");
        new DynamoArticleStore(DynamoDbClients.create(ENV), ENV.required("TABLE_NAME")).create(new Article(
                "01JDQ8Z3V4K9T2X7M5N6P8R0SA", "crowds-gather-at-the-airbase", Status.DRAFT, "Crowds gather at the airbase", null,
                "Full text.", "Staff reporter", "Example News", null, List.of("venezuela"), null, created, created),
                "7c1e4a52-3b9f-4d0a-8e61-2f5b9c0d4a17", true);
    }

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(EventFile.sample("preview-article.json", 200)), EventFile.cases());
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
