package dev.articles.delete;

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

/** The deployed handler, fed real API Gateway events: the project's sample and this module's cases. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeleteArticleHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final DeleteArticleHandler HANDLER = new DeleteArticleHandler(ENV);

    @BeforeAll
    static void seed() {
        Instant created = Instant.parse("2026-11-24T18:03:11.482Z");
        new DynamoArticleStore(DynamoDbClients.create(ENV), ENV.required("TABLE_NAME")).create(new Article(
                "01JDQ8Z3V4K9T2X7M5N6P8R0SA", "crowds-gather-at-the-airbase", Status.PUBLISHED, "Crowds gather at the airbase", null, "Full text.", "Staff reporter",
                "Example News", null, List.of("venezuela"), Instant.parse("2019-04-30T14:05:00Z"), created, created), null, true, Instant.now());
    }

    static Stream<EventFile> cases() {
        return EventFile.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Order(1)
    void answersEachEvent(EventFile event) {
        event.sendTo(HANDLER::handleRequest);
    }

    @Test
    @Order(2)
    void theSampleDeleteIs412WithAnOldETagThen204WithTheCurrentOneThen410() {
        EventFile sample = EventFile.sample("delete-article.json", 412);
        sample.sendTo(HANDLER::handleRequest);
        String current = new String(sample.json(), StandardCharsets.UTF_8)
                .replace("\\\"ETag-of-the-version-you-fetched\\\"", "\\\"iNZtLEOX3x7Ok0UqCRVuBg\\\"");
        new EventFile(sample.name(), current.getBytes(StandardCharsets.UTF_8), 204).sendTo(HANDLER::handleRequest);
        new EventFile(sample.name(), current.getBytes(StandardCharsets.UTF_8), 410).sendTo(HANDLER::handleRequest);
    }
}
