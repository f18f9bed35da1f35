package dev.articles.core.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void methodsOfKnownPaths() {
        assertThat(Routes.methodsFor("/articles")).contains(List.of("GET", "POST"));
        assertThat(Routes.methodsFor("/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA")).contains(List.of("GET"));
        assertThat(Routes.methodsFor("/articles/")).isEqualTo(Optional.empty());
        assertThat(Routes.methodsFor("/articles/a/b")).isEmpty();
        assertThat(Routes.methodsFor("/")).isEmpty();
        assertThat(Routes.methodsFor("/Articles")).isEmpty();
    }
}
