package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;
import static dev.articles.core.routes.Fixtures.EDITORS;
import static dev.articles.core.routes.Fixtures.IN_PROGRESS_EXPIRY;
import static dev.articles.core.routes.Fixtures.OTHER;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static dev.articles.core.routes.Fixtures.create;
import static dev.articles.core.routes.Fixtures.draft;
import static dev.articles.core.routes.Fixtures.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.routes.GetArticleBySlug.Current;
import dev.articles.core.routes.GetArticleBySlug.Moved;
import dev.articles.core.store.InMemoryArticleStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A slug leads to its live article, a former slug to the current one, anything else nowhere. */
class GetArticleBySlugTest {

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY);
    private final EditArticle edit = new EditArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock);
    private final GetArticleBySlug bySlug = new GetArticleBySlug(store, clock);
    private final Article original = create(store, clock, raw("title", "Crowds gather", "body", "b",
            "publishedAt", "2019-04-30T14:05:00Z"), OWNER);

    private Article renamed(Article article, String slug) {
        return edit.edit(article.id(), a -> true, OWNER, raw("slug", slug), Optional.empty()).article();
    }

    @Test
    void theCurrentSlugFindsTheArticle() {
        assertThat(original.slug()).isEqualTo("crowds-gather");
        assertThat(bySlug.get("crowds-gather")).isEqualTo(new Current(original));
    }

    @Test
    void aFormerSlugLeadsToTheCurrentOne() {
        Article moved = renamed(original, "crowds-gather-at-the-airbase");
        Article again = renamed(moved, "crowds-disperse");

        assertThat(bySlug.get("crowds-gather")).isEqualTo(new Moved("crowds-disperse"));
        assertThat(bySlug.get("crowds-gather-at-the-airbase")).isEqualTo(new Moved("crowds-disperse"));
        assertThat(bySlug.get("crowds-disperse")).isEqualTo(new Current(again));
    }

    @Test
    void aDraftsOrAScheduledArticlesSlugsLeadNowhereUntilItIsLive() {
        create(store, clock, draft("A draft"), OWNER);
        Article scheduled = create(store, clock, published("Embargoed", T0.plus(Duration.ofMinutes(10))), OWNER);
        renamed(scheduled, "embargoed-story");

        assertThatThrownBy(() -> bySlug.get("a-draft")).isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> bySlug.get("embargoed-story")).isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> bySlug.get("embargoed")).as("nor does a former slug reveal the current one")
                .isInstanceOf(ArticleNotFoundException.class);

        clock.advance(Duration.ofMinutes(10));
        assertThat(bySlug.get("embargoed")).isEqualTo(new Moved("embargoed-story"));
    }

    @Test
    void anUnpublishedArticlesSlugLeadsNowhere() {
        edit.edit(original.id(), a -> true, OWNER, raw("status", "draft"), Optional.empty());

        assertThatThrownBy(() -> bySlug.get("crowds-gather")).isInstanceOf(ArticleNotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Crowds-Gather", "crowds--gather", "-crowds-gather", "crowds gather", "caf\u00e9", "a/b"})
    void aSlugNotOfTheFormIsNotFoundWithoutARead(String slug) {
        int reads = store.reads();

        assertThatThrownBy(() -> bySlug.get(slug)).isInstanceOf(ArticleNotFoundException.class);
        assertThat(store.reads()).isEqualTo(reads);
    }

    @Test
    void anUnknownSlugIsNotFound() {
        assertThatThrownBy(() -> bySlug.get("no-such-article")).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void aDeletedArticlesSlugsLeadNowhere() {
        Article moved = renamed(original, "crowds-disperse");
        new DeleteArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock).delete(moved.id(), a -> true, OWNER, Optional.empty());

        assertThatThrownBy(() -> bySlug.get("crowds-disperse")).isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> bySlug.get("crowds-gather")).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void aSlugANewArticleTookFromOneThatMovedOnLeadsToTheNewArticle() {
        Article moved = renamed(original, "crowds-disperse");
        Article newcomer = create(store, clock, raw("title", "Crowds gather", "body", "Again, a year later."), OTHER);

        assertThat(newcomer.slug()).as("free: it only redirected").isEqualTo("crowds-gather");
        assertThat(bySlug.get("crowds-gather")).isEqualTo(new Current(newcomer));
        assertThat(bySlug.get("crowds-disperse")).isEqualTo(new Current(moved));
    }
}
