package dev.articles.core.article;

import static dev.articles.core.article.RawArticles.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7396 merge patches of an article's client fields, under the create's rules. */
class ArticlePatchTest {

    private static final Instant CREATED = Instant.parse("2026-11-24T18:03:11.482Z");
    private static final Instant UPDATED = Instant.parse("2026-11-25T08:00:00.001Z");
    private static final Instant NOW = Instant.parse("2026-11-26T09:00:00.000Z");
    private static final Article CURRENT = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SA", "title", Status.PUBLISHED, "Title", "Summary", "Body", "Ann",
            "AMN", "https://news.example.org/a", List.of("venezuela", "politics"), Instant.parse("2019-04-30T14:05:00Z"),
            CREATED, UPDATED);

    @Test
    void anEmptyPatchChangesNothing() {
        assertThat(ArticlePatch.apply(CURRENT, raw(), NOW)).isEqualTo(CURRENT);
    }

    @Test
    void aValueReplacesTheFieldUnderTheCreatesRulesAndAbsentFieldsStay() {
        Article next = ArticlePatch.apply(CURRENT, raw("title", "  New title ", "tags", List.of("Military", "military", "Politics"),
                "publishedAt", "2019-04-30T16:05:00+02:00"), NOW);

        assertThat(next.title()).isEqualTo("New title");
        assertThat(next.tags()).containsExactly("military", "politics");
        assertThat(next.publishedAt()).isEqualTo(Instant.parse("2019-04-30T14:05:00Z"));
        assertThat(next).usingRecursiveComparison().ignoringFields("title", "tags").isEqualTo(CURRENT);
    }

    @Test
    void nullRemovesAnOptionalFieldAndTagsNullMeansNone() {
        Article next = ArticlePatch.apply(CURRENT, raw("summary", null, "author", null, "source", null, "sourceUrl", null,
                "tags", null), NOW);

        assertThat(next.summary()).isNull();
        assertThat(next.author()).isNull();
        assertThat(next.source()).isNull();
        assertThat(next.sourceUrl()).isNull();
        assertThat(next.tags()).isEmpty();
        assertThat(next.title()).isEqualTo(CURRENT.title());
    }

    @Test
    void theRequiredFieldsCannotBeRemoved() {
        assertThatThrownBy(() -> ArticlePatch.apply(CURRENT, raw("title", null, "body", null, "publishedAt", null), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .filteredOn(error -> error.message().equals("cannot be removed"))
                        .extracting(FieldError::field).containsExactly("body", "publishedAt", "title"));
    }

    @Test
    void everyBrokenRuleIsReportedWithWhatReadingThePatchFound() {
        RawArticle patch = new RawArticle(Map.of("title", "x".repeat(301), "sourceUrl", "ftp://example.org/a"), Set.of(),
                List.of(new FieldError("createdAt", "is not a client field")));

        assertThatThrownBy(() -> ArticlePatch.apply(CURRENT, patch, NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .contains("createdAt", "title", "sourceUrl"));
    }

    @Test
    void theServersFieldsStayAsTheyAre() {
        Article next = ArticlePatch.apply(CURRENT, raw("body", "New body"), NOW);

        assertThat(next.id()).isEqualTo(CURRENT.id());
        assertThat(next.createdAt()).isEqualTo(CREATED);
        assertThat(next.updatedAt()).as("the store stamps a change").isEqualTo(UPDATED);
        assertThat(next.body()).isEqualTo("New body");
    }
}
