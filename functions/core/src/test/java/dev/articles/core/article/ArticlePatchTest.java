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
    private static final Article DRAFT = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SB", "a-draft", Status.DRAFT, "A draft", null, "Body",
            null, null, null, List.of(), null, CREATED, UPDATED);

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
        assertThatThrownBy(() -> ArticlePatch.apply(CURRENT, raw("title", null, "body", null, "slug", null, "status", null,
                "publishedAt", null), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("body", "cannot be removed"), new FieldError("slug", "cannot be removed"),
                        new FieldError("status", "cannot be removed"), new FieldError("title", "cannot be removed"),
                        new FieldError("publishedAt", "cannot be removed from a published article")));
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

    @Test
    void anEmptyPatchChangesNothingOfADraftWithoutPublishedAt() {
        assertThat(ArticlePatch.apply(DRAFT, raw(), NOW)).isEqualTo(DRAFT);
    }

    @Test
    void aTitleChangeKeepsTheSlugOnlyASlugInThePatchChangesIt() {
        assertThat(ArticlePatch.apply(CURRENT, raw("title", "A wholly new headline"), NOW).slug()).isEqualTo(CURRENT.slug());

        Article renamed = ArticlePatch.apply(CURRENT, raw("slug", "a-wholly-new-headline"), NOW);
        assertThat(renamed.slug()).isEqualTo("a-wholly-new-headline");
        assertThat(renamed).usingRecursiveComparison().ignoringFields("slug").isEqualTo(CURRENT);
    }

    @Test
    void aSlugOrStatusInThePatchIsCheckedAsOnCreate() {
        assertThatThrownBy(() -> ArticlePatch.apply(CURRENT, raw("slug", "Not A Slug", "status", "scheduled"), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new FieldError("slug", Slugs.problem("Not A Slug")), new FieldError("status", "must be draft or published")));
    }

    @Test
    void publishingADraftWithoutPublishedAtSetsItToTheEditsTime() {
        Article published = ArticlePatch.apply(DRAFT, raw("status", "published"), NOW);

        assertThat(published.status()).isEqualTo(Status.PUBLISHED);
        assertThat(published.publishedAt()).isEqualTo(NOW);
        assertThat(published.isLive(NOW)).isTrue();
        assertThat(published).usingRecursiveComparison().ignoringFields("status", "publishedAt").isEqualTo(DRAFT);
    }

    @Test
    void publishingADraftKeepsThePublishedAtItHasOrIsSent() {
        Instant embargo = Instant.parse("2026-12-01T06:00:00Z");
        Article withOne = ArticlePatch.apply(DRAFT, raw("publishedAt", Timestamps.format(embargo)), NOW);
        assertThat(withOne.status()).as("still a draft").isEqualTo(Status.DRAFT);
        assertThat(withOne.publishedAt()).isEqualTo(embargo);

        assertThat(ArticlePatch.apply(withOne, raw("status", "published"), NOW).publishedAt()).isEqualTo(embargo);
        Article sentWithIt = ArticlePatch.apply(DRAFT, raw("status", "published", "publishedAt", "2026-12-01T07:00:00+01:00"), NOW);
        assertThat(sentWithIt.publishedAt()).isEqualTo(embargo);
        assertThat(sentWithIt.publication(NOW)).as("scheduled, not live before its time").isEqualTo(Publication.SCHEDULED);
    }

    @Test
    void unpublishingKeepsPublishedAt() {
        Article unpublished = ArticlePatch.apply(CURRENT, raw("status", "draft"), NOW);

        assertThat(unpublished.status()).isEqualTo(Status.DRAFT);
        assertThat(unpublished.publishedAt()).isEqualTo(CURRENT.publishedAt());
        assertThat(unpublished.isLive(NOW)).isFalse();
        assertThat(ArticlePatch.apply(unpublished, raw("status", "published"), NOW)).as("republished as it was").isEqualTo(CURRENT);
    }

    @Test
    void publishedAtMayBeRemovedFromADraftOnly() {
        Article scheduledDraft = ArticlePatch.apply(DRAFT, raw("publishedAt", "2026-12-01T06:00:00Z"), NOW);
        assertThat(ArticlePatch.apply(scheduledDraft, raw("publishedAt", null), NOW)).isEqualTo(DRAFT);

        Article unpublished = ArticlePatch.apply(CURRENT, raw("status", "draft", "publishedAt", null), NOW);
        assertThat(unpublished.status()).isEqualTo(Status.DRAFT);
        assertThat(unpublished.publishedAt()).isNull();

        assertThatThrownBy(() -> ArticlePatch.apply(DRAFT, raw("status", "published", "publishedAt", null), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("publishedAt", "cannot be removed from a published article")));
    }

    @Test
    void withAStatusThatIsNoneOnlyTheStatusIsReported() {
        assertThatThrownBy(() -> ArticlePatch.apply(CURRENT, raw("status", "bogus", "publishedAt", null), NOW))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors())
                        .containsExactly(new FieldError("status", "must be draft or published")));
    }
}
