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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The publishing fields of a new article: {@code slug}, {@code status} and an optional {@code publishedAt}. The
 * other fields' rules are tested as a request meets them, in functions/http.
 */
class ArticleValidatorTest {

    private static final String ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";
    private static final Instant CREATED = Instant.parse("2026-11-24T18:03:11.482Z");

    private static List<FieldError> errors(RawArticle raw) {
        try {
            ArticleValidator.validate(raw);
        } catch (InvalidInputException e) {
            assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.ARTICLE_FIELDS);
            return e.errors();
        }
        throw new AssertionError("expected a validation failure for " + raw);
    }

    @Test
    void withoutThemThePublishedArticleIsPublishedAtItsCreationUnderADerivedSlug() {
        ArticleDraft draft = ArticleValidator.validate(raw("title", "Crowds gather", "body", "b"));

        assertThat(draft.slug()).isNull();
        assertThat(draft.slugGiven()).isFalse();
        assertThat(draft.status()).isEqualTo(Status.PUBLISHED);
        assertThat(draft.publishedAt()).isNull();

        Article article = draft.toArticle(ID, CREATED);
        assertThat(article.slug()).isEqualTo("crowds-gather");
        assertThat(article.status()).isEqualTo(Status.PUBLISHED);
        assertThat(article.publishedAt()).isEqualTo(CREATED);
    }

    @Test
    void aClientsSlugIsKeptAsItIs() {
        ArticleDraft draft = ArticleValidator.validate(raw("title", "Crowds gather", "body", "b", "slug", "2019-airbase"));

        assertThat(draft.slugGiven()).isTrue();
        assertThat(draft.toArticle(ID, CREATED).slug()).isEqualTo("2019-airbase");
    }

    @Test
    void aDraftWithoutPublishedAtKeepsNone() {
        ArticleDraft draft = ArticleValidator.validate(raw("title", "t", "body", "b", "status", "draft"));

        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        Article article = draft.toArticle(ID, CREATED);
        assertThat(article.publishedAt()).isNull();
        assertThat(article.sortedAt()).as("sorted at its updatedAt").isEqualTo(CREATED);
    }

    @Test
    void aDraftOrAPublishedArticleKeepsThePublishedAtItIsGiven() {
        Article draft = ArticleValidator.validate(raw("title", "t", "body", "b", "status", "draft",
                "publishedAt", "2030-01-01T08:00:00+01:00")).toArticle(ID, CREATED);
        Article scheduled = ArticleValidator.validate(raw("title", "t", "body", "b", "status", "published",
                "publishedAt", "2030-01-01T07:00:00Z")).toArticle(ID, CREATED);

        assertThat(draft.publishedAt()).isEqualTo(Instant.parse("2030-01-01T07:00:00Z")).isEqualTo(scheduled.publishedAt());
        assertThat(scheduled.status()).isEqualTo(Status.PUBLISHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Crowds-Gather", "crowds gather", "-crowds", "crowds-", "crowds--gather", "caf\u00e9"})
    void aSlugNotOfTheFormIsRefusedByName(String slug) {
        assertThat(errors(raw("title", "t", "body", "b", "slug", slug))).containsExactly(new FieldError("slug", Slugs.problem(slug)));
    }

    @Test
    void aSlugOfMoreThan200CharactersIsRefused() {
        assertThat(errors(raw("title", "t", "body", "b", "slug", "a".repeat(201))))
                .containsExactly(new FieldError("slug", "must be 1 to 200 characters"));
    }

    @Test
    void aSlugWithALoneSurrogateIsOneError() {
        assertThat(errors(raw("title", "t", "body", "b", "slug", "a\ud800")))
                .containsExactly(new FieldError("slug", "must be valid Unicode (it holds a lone surrogate)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Draft", "PUBLISHED", "scheduled", "live", " draft"})
    void aStatusOtherThanDraftOrPublishedIsRefusedByName(String status) {
        assertThat(errors(raw("title", "t", "body", "b", "status", status)))
                .containsExactly(new FieldError("status", "must be draft or published"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RawArticle raw = new RawArticle(Map.of("title", " ", "slug", "Bad Slug", "status", "live",
                "publishedAt", "tomorrow"), Set.of(), List.of(new FieldError("id", "is not a field of an article")));

        assertThat(errors(raw)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("id", "slug", "status", "title", "body", "publishedAt");
    }
}
