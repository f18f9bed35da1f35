package dev.articles.byslug;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's samples and this module's cases. */
class GetArticleBySlugHandlerIT {

    static final Environment ENV = TestEnvironments.freshTable();
    static final GetArticleBySlugHandler HANDLER = new GetArticleBySlugHandler(ENV);

    /** The article the sample events name: created under the former slug, then given the current one. */
    @BeforeAll
    static void seed() {
        TestApi api = new TestApi(ENV);
        ApiResponse created = api.create("{\"title\":\"Crowds gather at the airbase\",\"body\":\"Full text.\","
                + "\"slug\":\"venezuelan-coup-attempt\",\"publishedAt\":\"2019-04-30T14:05:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiResponse renamed = api.call(ApiEvent.edit(created.json().get("id").asText(), "{\"slug\":\"crowds-gather-at-the-airbase\"}")
                .header("If-Match", "*"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
    }

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(
                EventFile.sample("get-article-by-slug.json", 200),
                EventFile.sample("get-article-by-former-slug.json", 301)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 200) {
            assertThat(response.json().get("slug").asText()).isEqualTo("crowds-gather-at-the-airbase");
            assertThat(response.header("ETag")).isNotBlank();
        } else if (response.status() == 301) {
            assertThat(response.header("Location")).isEqualTo("/articles/by-slug/crowds-gather-at-the-airbase");
        }
    }
}
