package dev.articles.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ETagsTest {

    @Test
    void strongQuotedAndStable() {
        String etag = ETags.of("{\"id\":\"x\"}");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"").isEqualTo(ETags.of("{\"id\":\"x\"}"));
        assertThat(ETags.of("{\"id\":\"y\"}")).isNotEqualTo(etag);
    }

    @Test
    void ifNoneMatchUsesWeakComparison() {
        String etag = ETags.of("a");
        assertThat(ETags.matches(etag, etag)).isTrue();
        assertThat(ETags.matches("W/" + etag, etag)).isTrue();
        assertThat(ETags.matches("\"other\", " + etag, etag)).isTrue();
        assertThat(ETags.matches("*", etag)).isTrue();
        assertThat(ETags.matches("\"other\"", etag)).isFalse();
        assertThat(ETags.matches(etag.replace("\"", ""), etag)).isFalse();
    }
}
