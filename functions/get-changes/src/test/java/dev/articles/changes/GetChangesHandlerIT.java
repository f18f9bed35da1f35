package dev.articles.changes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.apitests.testing.TestEnvironments;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's sample and this module's cases. */
class GetChangesHandlerIT {

    static final GetChangesHandler HANDLER = new GetChangesHandler(TestEnvironments.freshTable());

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(EventFile.sample("get-changes.json", 200)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 200) {
            assertThat(response.json().get("changes").isArray()).isTrue();
            assertThat(response.json().get("cursor").isTextual()).isTrue();
            assertThat(response.json().get("more").isBoolean()).isTrue();
            assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=5");
        }
    }
}
