package dev.articles.fallback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The deployed handler, fed real API Gateway events: the project's sample and this module's cases. */
class RouteFallbackHandlerTest {

    /** The fallback needs no table: its environment is Lambda's own. */
    static final RouteFallbackHandler HANDLER = new RouteFallbackHandler(new Environment(Map.of()));

    static Stream<EventFile> events() {
        return Stream.concat(Stream.of(EventFile.sample("route-not-found.json", 405)), EventFile.cases());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void answersEachEvent(EventFile event) {
        ApiResponse response = event.sendTo(HANDLER::handleRequest);
        if (response.status() == 405) {
            assertThat(response.header("Allow")).isNotBlank();
        }
    }
}
