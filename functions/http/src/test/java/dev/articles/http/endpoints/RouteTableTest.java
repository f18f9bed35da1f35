package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void methodsOfKnownPaths() {
        assertThat(RouteTable.methodsFor("/articles")).contains(List.of("GET", "POST"));
        assertThat(RouteTable.methodsFor("/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA")).contains(List.of("DELETE", "GET", "PATCH"));
        assertThat(RouteTable.methodsFor("/articles/")).isEqualTo(Optional.empty());
        assertThat(RouteTable.methodsFor("/articles/a/b")).isEmpty();
        assertThat(RouteTable.methodsFor("/")).isEmpty();
        assertThat(RouteTable.methodsFor("/Articles")).isEmpty();
        assertThat(RouteTable.methodsFor("/articles/by-slug/crowds-gather")).contains(List.of("GET"));
        assertThat(RouteTable.methodsFor("/articles/changes")).contains(List.of("DELETE", "GET", "PATCH"));
        assertThat(RouteTable.methodsFor("/articles/search")).contains(List.of("DELETE", "GET", "PATCH"));
        assertThat(RouteTable.methodsFor("/preview/articles")).contains(List.of("GET"));
        assertThat(RouteTable.methodsFor("/preview/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA")).contains(List.of("GET"));
        assertThat(RouteTable.methodsFor("/preview")).isEmpty();
    }
}
