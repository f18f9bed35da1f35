package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.RouteSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API Gateway HTTP API route selection, on routes the tests' template does not have. */
class RouterTest {

    private static RouteSpec route(String method, String path) {
        return new RouteSpec("E", method, path, method + " " + path, "Api", Optional.empty(), Optional.empty());
    }

    private final Router router = new Router(List.of(
            route("GET", "/pets/{id}"),
            route("GET", "/pets/dog"),
            route("ANY", "/pets/{id}"),
            route("GET", "/pets/{proxy+}"),
            route("ANY", "$default")));

    private String selected(String method, String path) {
        return router.route(method, path).orElseThrow().route().functionLogicalId();
    }

    @Test
    void aLiteralSegmentBeatsAVariableAndAVariableBeatsAGreedyOne() {
        assertThat(selected("GET", "/pets/dog")).isEqualTo("GET /pets/dog");
        assertThat(selected("GET", "/pets/cat")).isEqualTo("GET /pets/{id}");
        assertThat(selected("GET", "/pets/cat/toys")).isEqualTo("GET /pets/{proxy+}");
    }

    @Test
    void anExactMethodBeatsAnyOnTheSamePath() {
        assertThat(selected("PUT", "/pets/cat")).isEqualTo("ANY /pets/{id}");
        assertThat(selected("PUT", "/pets/dog")).isEqualTo("ANY /pets/{id}");
    }

    @Test
    void whatNothingMatchesGoesToTheDefaultRoute() {
        assertThat(selected("GET", "/pets")).isEqualTo("ANY $default");
        assertThat(selected("GET", "/pets/")).isEqualTo("ANY $default");
        assertThat(router.route("GET", "/pets/a%2Fb").orElseThrow().pathParameters()).isEqualTo(Map.of("id", "a/b"));
        assertThat(new Router(List.of(route("GET", "/x"))).route("GET", "/y")).isEmpty();
    }
}
