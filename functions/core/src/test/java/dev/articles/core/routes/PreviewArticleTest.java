package dev.articles.core.routes;

import static dev.articles.core.routes.Fixtures.EDITORS;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_GROUP;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_SCOPE;
import static dev.articles.core.routes.Fixtures.IN_PROGRESS_EXPIRY;
import static dev.articles.core.routes.Fixtures.NO_TOKEN;
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
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.InMemoryArticleStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One article as the newsroom sees it: its creator and editors, protected as writes are. */
class PreviewArticleTest {

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final PreviewArticle preview = new PreviewArticle(store, WriteAccess.AUTHENTICATED, EDITORS);
    private final Article draft = create(store, clock, draft("Not out yet"), OWNER);

    @Test
    void theCreatorSeesTheirDraftAndScheduledArticle() {
        Article scheduled = create(store, clock, published("Embargoed", T0.plus(Duration.ofDays(1))), OWNER);

        assertThat(preview.get(draft.id(), OWNER)).isEqualTo(draft);
        assertThat(preview.get(scheduled.id(), OWNER)).isEqualTo(scheduled);
    }

    @Test
    void editorsSeeEveryArticle() {
        assertThat(preview.get(draft.id(), EDITOR_BY_SCOPE)).isEqualTo(draft);
        assertThat(preview.get(draft.id(), EDITOR_BY_GROUP)).isEqualTo(draft);
    }

    @Test
    void anotherReporterIsNotAllowed() {
        assertThatThrownBy(() -> preview.get(draft.id(), OTHER)).isInstanceOf(NotAllowedException.class);
    }

    @Test
    void withoutATokenWhereWritesAreAuthenticatedNothingIsShown() {
        assertThatThrownBy(() -> preview.get(draft.id(), NO_TOKEN)).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> preview.get("not-an-id", NO_TOKEN)).as("before anything else")
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void wherePublicAnyoneSeesEveryArticle() {
        PreviewArticle open = new PreviewArticle(store, WriteAccess.PUBLIC, EDITORS);

        assertThat(open.get(draft.id(), NO_TOKEN)).isEqualTo(draft);
    }

    @Test
    void unknownMalformedAndDeletedArticles() {
        assertThatThrownBy(() -> preview.get(new ArticleIds().next(T0), OWNER)).isInstanceOf(ArticleNotFoundException.class);
        int reads = store.reads();
        assertThatThrownBy(() -> preview.get("not-an-id", OWNER)).isInstanceOf(ArticleNotFoundException.class);
        assertThat(store.reads()).isEqualTo(reads);

        new DeleteArticle(store, new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY), WriteAccess.AUTHENTICATED, EDITORS, clock)
                .delete(draft.id(), a -> true, OWNER, Optional.empty());
        assertThatThrownBy(() -> preview.get(draft.id(), OWNER)).isInstanceOf(ArticleDeletedException.class);
    }
}
