package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;
import static dev.articles.core.routes.Fixtures.EDITORS;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_GROUP;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_SCOPE;
import static dev.articles.core.routes.Fixtures.IN_PROGRESS_EXPIRY;
import static dev.articles.core.routes.Fixtures.NO_TOKEN;
import static dev.articles.core.routes.Fixtures.OTHER;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static dev.articles.core.routes.Fixtures.article;
import static dev.articles.core.routes.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.InMemoryArticleStore;
import dev.articles.core.store.ListFilter;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class DeleteArticleTest {

    private static final Predicate<Article> ANY_VERSION = a -> true;

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY);
    private final DeleteArticle delete = new DeleteArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock);
    private final EditArticle edit = new EditArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock);
    private final Article original = new CreateArticle(store, records, WriteAccess.AUTHENTICATED, clock)
            .create(article(), OWNER, Optional.empty()).article();
    private final Predicate<Article> isOriginal = original::equals;

    @Test
    void aDeletedArticleIsGoneAndItsIdStaysRefused() {
        assertThat(delete.delete(original.id(), isOriginal, OWNER, Optional.empty())).isFalse();

        assertThatThrownBy(() -> store.get(original.id())).isInstanceOf(ArticleDeletedException.class);
        assertThat(store.list(ListFilter.ALL, null, 10, T0).items()).isEmpty();
        assertThatThrownBy(() -> delete.delete(original.id(), ANY_VERSION, OWNER, Optional.empty()))
                .as("deleting it again").isInstanceOf(ArticleDeletedException.class);
    }

    @Test
    void aDeleteFromAVersionThatIsNoLongerCurrentIsAPreconditionFailure() {
        edit.edit(original.id(), isOriginal, OWNER, raw("title", "Edited"), Optional.empty());

        assertThatThrownBy(() -> delete.delete(original.id(), isOriginal, OWNER, Optional.empty()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.get(original.id())).isPresent();
    }

    @Test
    void anEditBetweenTheDeletesReadAndItsWriteWins() {
        store.beforeNextWrite(() -> edit.edit(original.id(), isOriginal, EDITOR_BY_SCOPE, raw("title", "Edited"), Optional.empty()));

        assertThatThrownBy(() -> delete.delete(original.id(), isOriginal, OWNER, Optional.empty()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.get(original.id()).orElseThrow().title()).isEqualTo("Edited");
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        assertThatThrownBy(() -> delete.delete(new ArticleIds().next(T0), ANY_VERSION, OWNER, Optional.empty()))
                .isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> delete.delete("../etc", ANY_VERSION, OWNER, Optional.empty()))
                .isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void theCreatorAndEditorsMayDeleteAnyOtherTokenMayNot() {
        assertThatThrownBy(() -> delete.delete(original.id(), ANY_VERSION, OTHER, Optional.empty()))
                .isInstanceOf(NotAllowedException.class);
        assertThat(store.get(original.id())).hasValue(original);

        for (Caller allowed : new Caller[] {OWNER, EDITOR_BY_SCOPE, EDITOR_BY_GROUP}) {
            Article another = new CreateArticle(store, records, WriteAccess.AUTHENTICATED, clock)
                    .create(article(), OWNER, Optional.empty()).article();
            assertThat(delete.delete(another.id(), ANY_VERSION, allowed, Optional.empty())).as(allowed.sub()).isFalse();
        }
    }

    @Test
    void withoutATokenWhereWritesAreAuthenticatedNothingChanges() {
        assertThatThrownBy(() -> delete.delete(original.id(), ANY_VERSION, NO_TOKEN, Optional.empty()))
                .isInstanceOf(UnauthenticatedException.class);
        assertThat(store.get(original.id())).hasValue(original);

        DeleteArticle open = new DeleteArticle(store, records, WriteAccess.PUBLIC, EDITORS, clock);
        assertThat(open.delete(original.id(), ANY_VERSION, NO_TOKEN, Optional.empty())).isFalse();
    }

    @Test
    void aKeyedRetryIsAReplayAndWritesNothingMore() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "DELETE /articles/" + original.id(), "");
        assertThat(delete.delete(original.id(), isOriginal, OWNER, key)).isFalse();
        int writes = store.writes();

        assertThat(delete.delete(original.id(), isOriginal, OWNER, key)).isTrue();
        assertThat(store.writes()).isEqualTo(writes);
    }

    @Test
    void aKeyAnotherRequestHoldsIsInProgress() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "DELETE /articles/" + original.id(), "");
        records.claim(key.orElseThrow(), original.id() + "/another-request", T0);

        assertThatThrownBy(() -> delete.delete(original.id(), isOriginal, OWNER, key))
                .isInstanceOf(IdempotencyKeyInProgressException.class);
        assertThat(store.get(original.id())).hasValue(original);
    }

    @Test
    void aKeyedRetryOfADeleteThatCommittedBeforeItsAnswerWasLostIsAnsweredAsTheFirstAndFinishesIt() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "DELETE /articles/" + original.id(), "");
        records.claim(key.orElseThrow(), original.id() + "/first-request", T0);
        delete.delete(original.id(), isOriginal, OWNER, Optional.empty());
        clock.advance(IN_PROGRESS_EXPIRY);

        assertThat(delete.delete(original.id(), isOriginal, OWNER, key)).as("a replay, not a 410").isTrue();
        assertThat(store.finished()).containsExactly(original.id());
        assertThat(records.completed(key.orElseThrow())).isTrue();
    }
}
