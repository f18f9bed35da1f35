package dev.articles.create;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestEnvironments;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's samples and this module's cases. */
class CreateArticleHandlerIT {

    static final CreateArticleHandler HANDLER = new CreateArticleHandler(TestEnvironments.freshTable());

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(
                EventFile.sample("create-article.json", 201),
                EventFile.sample("create-article-idempotent.json", 201)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 201) {
            assertThat(response.header("Location")).isEqualTo("/articles/" + response.json().get("id").asText());
        }
    }
}
