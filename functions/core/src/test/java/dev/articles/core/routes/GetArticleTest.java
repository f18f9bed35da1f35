package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static dev.articles.core.routes.Fixtures.article;
import static dev.articles.core.routes.Fixtures.create;
import static dev.articles.core.routes.Fixtures.draft;
import static dev.articles.core.routes.Fixtures.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.store.InMemoryArticleStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The public fetch shows live articles only: a draft or a scheduled article is like one that does not exist. */
class GetArticleTest {

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final GetArticle get = new GetArticle(store, clock);

    @Test
    void aLiveArticleIsFound() {
        Article live = create(store, clock, article(), OWNER);

        assertThat(get.get(live.id())).isEqualTo(live);
    }

    @Test
    void aDraftIsNotFoundEvenWithAPublishedAtInThePast() {
        Article draft = create(store, clock, draft("Not out yet"), OWNER);
        Article datedDraft = create(store, clock, raw("title", "t", "body", "b", "status", "draft",
                "publishedAt", "2019-04-30T14:05:00Z"), OWNER);

        assertThatThrownBy(() -> get.get(draft.id())).isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> get.get(datedDraft.id())).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void aScheduledArticleIsNotFoundUntilItsPublishedAtThenIsLiveWithoutAWrite() {
        Instant embargo = T0.plus(Duration.ofHours(1));
        Article scheduled = create(store, clock, published("Embargoed", embargo), OWNER);
        int writes = store.writes();

        clock.advance(Duration.ofHours(1).minusMillis(1));
        assertThatThrownBy(() -> get.get(scheduled.id())).isInstanceOf(ArticleNotFoundException.class);

        clock.advance(Duration.ofMillis(1));
        assertThat(get.get(scheduled.id())).isEqualTo(scheduled);
        assertThat(store.writes()).isEqualTo(writes);
    }

    @Test
    void anUnknownIdIsNotFoundAndOneNotOfTheIdsFormIsAnsweredWithoutARead() {
        assertThatThrownBy(() -> get.get(new ArticleIds().next(T0))).isInstanceOf(ArticleNotFoundException.class);
        int reads = store.reads();

        assertThatThrownBy(() -> get.get("not-an-id")).isInstanceOf(ArticleNotFoundException.class);
        assertThat(store.reads()).isEqualTo(reads);
    }
}
