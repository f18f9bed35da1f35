package dev.articles.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.FieldError;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    static final Set<String> KNOWN = Set.of("tag", "author", "limit");

    @Test
    void decodesPercentAndPlus() {
        assertThat(QueryParameters.parse("tag=caf%C3%A9&author=Staff+reporter%2C+Caracas&limit=", KNOWN))
                .isEqualTo(Map.of("tag", "café", "author", "Staff reporter, Caracas", "limit", ""));
    }

    @Test
    void emptyQueryHasNoParameters() {
        assertThat(QueryParameters.parse("", KNOWN)).isEmpty();
        assertThat(QueryParameters.parse(null, KNOWN)).isEmpty();
    }

    @Test
    void repeatedUnknownAndMalformedParametersAreAllReported() {
        assertThatThrownBy(() -> QueryParameters.parse("tag=a&tag=b&colour=red&author=%E0%A4&limit=%zz", KNOWN))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().errors())
                        .extracting(FieldError::field)
                        .containsExactly("tag", "colour", "author", "limit"));
    }
}
