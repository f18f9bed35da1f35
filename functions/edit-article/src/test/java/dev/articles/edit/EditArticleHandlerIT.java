package dev.articles.edit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's samples and this module's cases. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EditArticleHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final EditArticleHandler HANDLER = new EditArticleHandler(ENV);
    static final String ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";
    /** The ETag of the seeded article (the sample events name a placeholder, which a caller replaces). */
    static final String PLACEHOLDER = "\\\"ETag-of-the-version-you-fetched\\\"";

    @BeforeAll
    static void seed() {
        Instant created = Instant.parse("2026-11-24T18:03:11.482Z");
        new DynamoArticleStore(DynamoDbClients.create(ENV), ENV.required("TABLE_NAME")).create(new Article(ID, "crowds-gather-at-the-airbase", Status.PUBLISHED,
                "Crowds gather at the airbase", null, "Full text.", "Staff reporter", "Example News", null,
                List.of("venezuela"), Instant.parse("2019-04-30T14:05:00Z"), created, created), null, true, Instant.now());
    }

    static Stream<EventFile> cases() {
        return Stream.concat(Stream.of(EventFile.sample("edit-article-stale.json", 412)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void answersEachEvent(EventFile event) {
        event.sendTo(HANDLER::handleRequest);
    }

    @Test
    @Order(2)
    void theSampleEditWithTheCurrentETagSucceeds() {
        EventFile sample = EventFile.sample("edit-article.json", 200);
        String etag = "\\\"iNZtLEOX3x7Ok0UqCRVuBg\\\"";
        byte[] json = new String(sample.json(), StandardCharsets.UTF_8).replace(PLACEHOLDER, etag).getBytes(StandardCharsets.UTF_8);
        ApiResponse response = new EventFile(sample.name(), json, 200).sendTo(HANDLER::handleRequest);
        assertThat(response.json().get("tags").toString()).isEqualTo("[\"venezuela\",\"politics\",\"military\"]");
        assertThat(response.header("ETag")).isNotEqualTo("\"iNZtLEOX3x7Ok0UqCRVuBg\"");
    }
}
