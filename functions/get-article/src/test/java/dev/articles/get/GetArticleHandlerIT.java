package dev.articles.get;

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
class GetArticleHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final GetArticleHandler HANDLER = new GetArticleHandler(ENV);

    /** The article the sample events fetch. */
    @BeforeAll
    static void seed() {
        new DynamoArticleStore(DynamoDbClients.create(ENV), ENV.required("TABLE_NAME")).create(new Article(
                "01JDQ8Z3V4K9T2X7M5N6P8R0SA", "crowds-gather-at-the-airbase", Status.PUBLISHED, "Crowds gather at the airbase", null, "Full text.", "Staff reporter",
                "Example News", null, List.of("venezuela"), Instant.parse("2019-04-30T14:05:00Z"),
                Instant.parse("2026-11-24T18:03:11.482Z"), Instant.parse("2026-11-24T18:03:11.482Z")), null, true, Instant.now());
    }

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(
                EventFile.sample("get-article.json", 200),
                EventFile.sample("get-article-not-modified.json", 304)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 200) {
            assertThat(response.json().get("id").asText()).isEqualTo("01JDQ8Z3V4K9T2X7M5N6P8R0SA");
            assertThat(response.header("ETag")).isNotBlank();
        } else if (response.status() == 304) {
            assertThat(response.body()).isEmpty();
            assertThat(response.header("ETag")).isNotBlank();
        }
    }
}
