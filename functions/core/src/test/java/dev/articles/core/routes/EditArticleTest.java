package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;
import static dev.articles.core.routes.Fixtures.CURSORS;
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

import dev.articles.core.InvalidInputException;
import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Status;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.InMemoryArticleStore;
import dev.articles.core.store.SlugTakenException;
import dev.articles.core.store.StoreUnavailableException;
import dev.articles.core.store.StoredArticle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class EditArticleTest {

    private static final Predicate<Article> ANY_VERSION = a -> true;

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY);
    private final EditArticle edit = new EditArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock);
    private final Article original = new CreateArticle(store, records, WriteAccess.AUTHENTICATED, clock)
            .create(article(), OWNER, Optional.empty()).article();
    private final Predicate<Article> isOriginal = original::equals;

    @Test
    void aPatchReplacesWhatItNamesKeepsTheRestAndStampsUpdatedAt() {
        clock.advance(Duration.ofMinutes(5));
        EditArticle.Edited edited = edit.edit(original.id(), isOriginal, OWNER, raw("title", " Crowds leave ", "tags", List.of("Military")),
                Optional.empty());

        Article article = edited.article();
        assertThat(edited.replayed()).isFalse();
        assertThat(article.title()).isEqualTo("Crowds leave");
        assertThat(article.tags()).containsExactly("military");
        assertThat(article.body()).isEqualTo(original.body());
        assertThat(article.author()).isEqualTo(original.author());
        assertThat(article.createdAt()).isEqualTo(T0);
        assertThat(article.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(store.read(original.id())).hasValue(new StoredArticle(article, 2, OWNER.sub()));
    }

    @Test
    void anEditThatChangesNothingWritesNothing() {
        int writes = store.writes();
        clock.advance(Duration.ofMinutes(5));

        Article same = edit.edit(original.id(), isOriginal, OWNER, raw("title", original.title(), "tags", List.of("VENEZUELA", "politics")),
                Optional.empty()).article();
        assertThat(same).isEqualTo(original);
        assertThat(edit.edit(original.id(), isOriginal, OWNER, raw(), Optional.empty()).article()).isEqualTo(original);
        assertThat(store.writes()).isEqualTo(writes);
        assertThat(store.read(original.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void anEditFromAVersionThatIsNoLongerCurrentIsAPreconditionFailure() {
        Article second = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Second"), Optional.empty()).article();

        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", "From the old copy"), Optional.empty()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.get(original.id())).hasValue(second);
    }

    @Test
    void ofTwoEditsFromOneVersionExactlyOneSucceeds() {
        // The other edit commits between this one's read and its write: this one's conditional write is refused.
        store.beforeNextWrite(() -> edit.edit(original.id(), isOriginal, EDITOR_BY_SCOPE, raw("title", "The editor's"), Optional.empty()));

        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", "The owner's"), Optional.empty()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.get(original.id()).orElseThrow().title()).isEqualTo("The editor's");
    }

    @Test
    void unknownMalformedAndDeletedArticles() {
        String unknown = new ArticleIds().next(T0);
        assertThatThrownBy(() -> edit.edit(unknown, ANY_VERSION, OWNER, raw("title", "x"), Optional.empty()))
                .isInstanceOf(ArticleNotFoundException.class);
        assertThatThrownBy(() -> edit.edit("not-an-id", ANY_VERSION, OWNER, raw("title", "x"), Optional.empty()))
                .isInstanceOf(ArticleNotFoundException.class);

        new DeleteArticle(store, records, WriteAccess.AUTHENTICATED, EDITORS, clock).delete(original.id(), ANY_VERSION, OWNER, Optional.empty());
        assertThatThrownBy(() -> edit.edit(original.id(), ANY_VERSION, OWNER, raw("title", "x"), Optional.empty()))
                .isInstanceOf(ArticleDeletedException.class);
    }

    @Test
    void theCreatorAndEditorsMayEditAnyOtherTokenMayNot() {
        assertThatThrownBy(() -> edit.edit(original.id(), ANY_VERSION, OTHER, raw("title", "Not mine"), Optional.empty()))
                .isInstanceOf(NotAllowedException.class);
        assertThat(store.get(original.id())).hasValue(original);

        assertThat(edit.edit(original.id(), ANY_VERSION, EDITOR_BY_SCOPE, raw("title", "By scope"), Optional.empty()).article().title())
                .isEqualTo("By scope");
        assertThat(edit.edit(original.id(), ANY_VERSION, EDITOR_BY_GROUP, raw("title", "By group"), Optional.empty()).article().title())
                .isEqualTo("By group");
        assertThat(edit.edit(original.id(), ANY_VERSION, OWNER, raw("title", "By the owner"), Optional.empty()).article().title())
                .isEqualTo("By the owner");
    }

    @Test
    void aRefusedCallerLearnsNothingAboutTheVersionOrThePatch() {
        // 403 before 412 and 400: a stranger cannot probe the current version or the rules with it.
        assertThatThrownBy(() -> edit.edit(original.id(), a -> false, OTHER, raw("title", ""), Optional.empty()))
                .isInstanceOf(NotAllowedException.class);
    }

    @Test
    void withoutATokenWhereWritesAreAuthenticatedNothingChanges() {
        assertThatThrownBy(() -> edit.edit(original.id(), ANY_VERSION, NO_TOKEN, raw("title", "x"), Optional.empty()))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> edit.edit("not-an-id", ANY_VERSION, NO_TOKEN, raw("title", "x"), Optional.empty()))
                .as("before anything else").isInstanceOf(UnauthenticatedException.class);
        assertThat(store.get(original.id())).hasValue(original);

        EditArticle open = new EditArticle(store, records, WriteAccess.PUBLIC, EDITORS, clock);
        assertThat(open.edit(original.id(), ANY_VERSION, NO_TOKEN, raw("title", "Anyone's"), Optional.empty()).article().title())
                .isEqualTo("Anyone's");
    }

    @Test
    void aPatchThatBreaksTheRulesChangesNothing() {
        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", null, "summary", "x".repeat(1001)), Optional.empty()))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactlyInAnyOrder("title", "summary"));
        assertThat(store.get(original.id())).hasValue(original);
    }

    @Test
    void aKeyedRetryGetsTheFirstAnswerAndWritesNothingMore() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "PATCH /articles/" + original.id(), "{\"title\":\"Once\"}");
        Article first = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key).article();
        int writes = store.writes();

        EditArticle.Edited again = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key);
        assertThat(again.replayed()).isTrue();
        assertThat(again.article()).isEqualTo(first);
        assertThat(store.writes()).isEqualTo(writes);
    }

    @Test
    void aKeyAnotherRequestHoldsIsInProgress() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "PATCH /articles/" + original.id(), "{\"title\":\"Once\"}");
        records.claim(key.orElseThrow(), original.id() + "/another-request", T0);

        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key))
                .isInstanceOf(IdempotencyKeyInProgressException.class);
        assertThat(store.get(original.id())).hasValue(original);
    }

    @Test
    void aFailedKeyedEditReleasesItsKeyForTheRetry() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "PATCH /articles/" + original.id(), "{\"title\":\"Once\"}");
        store.failNextWrite(new StoreUnavailableException("throttled", null));
        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key))
                .isInstanceOf(StoreUnavailableException.class);

        EditArticle.Edited retried = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key);
        assertThat(retried.replayed()).isFalse();
        assertThat(retried.article().title()).isEqualTo("Once");
    }

    @Test
    void aKeyedRetryOfAnEditThatCommittedBeforeItsAnswerWasLostIsAnsweredAsTheFirstAndFinishesIt() {
        Optional<IdempotencyKey> key = key("k-1", OWNER, "PATCH /articles/" + original.id(), "{\"title\":\"Once\"}");
        // The first request claimed the key and committed its edit, then stopped before completing the key.
        records.claim(key.orElseThrow(), original.id() + "/first-request", T0);
        Article committed = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), Optional.empty()).article();
        clock.advance(IN_PROGRESS_EXPIRY);

        // The retry names the version the client had: no longer current, yet its own edit, not a 412.
        EditArticle.Edited retried = edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), key);
        assertThat(retried.replayed()).isTrue();
        assertThat(retried.article()).isEqualTo(committed);
        assertThat(store.finished()).containsExactly(original.id());
        assertThat(records.completed(key.orElseThrow())).isTrue();

        // Without the key, the same request from the old version is a 412.
        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("title", "Once"), Optional.empty()))
                .isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void publishingADraftSetsPublishedAtToTheEditsTimeAndMakesItLive() {
        Article draft = Fixtures.create(store, clock, Fixtures.draft("Not out yet"), OWNER);
        GetArticle get = new GetArticle(store, clock);
        assertThatThrownBy(() -> get.get(draft.id())).isInstanceOf(ArticleNotFoundException.class);
        clock.advance(Duration.ofMinutes(5));

        Article published = edit.edit(draft.id(), ANY_VERSION, OWNER, raw("status", "published"), Optional.empty()).article();
        assertThat(published.status()).isEqualTo(Status.PUBLISHED);
        assertThat(published.publishedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5))).isEqualTo(published.updatedAt());
        assertThat(get.get(draft.id())).isEqualTo(published);
        assertThat(new ListArticles(store, CURSORS, clock).list(Map.of()).items()).extracting(Article::id)
                .as("at the top of the list").startsWith(draft.id());
    }

    @Test
    void unpublishingTakesItOffThePublicRoutesButKeepsIt() {
        Article unpublished = edit.edit(original.id(), isOriginal, OWNER, raw("status", "draft"), Optional.empty()).article();

        assertThat(unpublished.publishedAt()).isEqualTo(original.publishedAt());
        assertThatThrownBy(() -> new GetArticle(store, clock).get(original.id())).isInstanceOf(ArticleNotFoundException.class);
        assertThat(new ListArticles(store, CURSORS, clock).list(Map.of()).items()).isEmpty();
        assertThat(new PreviewArticle(store, WriteAccess.AUTHENTICATED, EDITORS).get(original.id(), OWNER)).isEqualTo(unpublished);
    }

    @Test
    void aSlugChangeLeavesTheOldSlugRedirectingToTheNewOne() {
        Article renamed = edit.edit(original.id(), isOriginal, OWNER, raw("slug", "crowds-gather-at-the-airbase"), Optional.empty()).article();
        GetArticleBySlug bySlug = new GetArticleBySlug(store, clock);

        assertThat(renamed.slug()).isEqualTo("crowds-gather-at-the-airbase");
        assertThat(bySlug.get(original.slug())).isEqualTo(new GetArticleBySlug.Moved("crowds-gather-at-the-airbase"));
        assertThat(bySlug.get("crowds-gather-at-the-airbase")).isEqualTo(new GetArticleBySlug.Current(renamed));

        Article back = edit.edit(original.id(), ANY_VERSION, OWNER, raw("slug", original.slug()), Optional.empty()).article();
        assertThat(back.slug()).as("its own former slug is free for it").isEqualTo(original.slug());
        assertThat(bySlug.get("crowds-gather-at-the-airbase")).isEqualTo(new GetArticleBySlug.Moved(original.slug()));
    }

    @Test
    void aTitleChangeKeepsTheSlug() {
        assertThat(edit.edit(original.id(), isOriginal, OWNER, raw("title", "Crowds leave"), Optional.empty()).article().slug())
                .isEqualTo(original.slug());
    }

    @Test
    void aSlugAnotherArticleHoldsIsRefusedAndNothingChanges() {
        Fixtures.create(store, clock, raw("title", "t", "body", "b", "slug", "taken", "status", "draft"), OTHER);
        int writes = store.writes();

        assertThatThrownBy(() -> edit.edit(original.id(), isOriginal, OWNER, raw("slug", "taken", "title", "New"), Optional.empty()))
                .isInstanceOfSatisfying(SlugTakenException.class, e -> assertThat(e.slug()).isEqualTo("taken"));
        assertThat(store.get(original.id())).hasValue(original);
        assertThat(store.writes()).isEqualTo(writes);
    }
}
