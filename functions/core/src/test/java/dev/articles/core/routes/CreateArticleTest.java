package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;
import static dev.articles.core.routes.Fixtures.IN_PROGRESS_EXPIRY;
import static dev.articles.core.routes.Fixtures.NO_TOKEN;
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
import dev.articles.core.article.ArticleValidator;
import dev.articles.core.article.Status;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.IdempotencyKeyReusedException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.InMemoryArticleStore;
import dev.articles.core.store.SlugTakenException;
import dev.articles.core.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateArticleTest {

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY);
    private final CreateArticle create = new CreateArticle(store, records, WriteAccess.AUTHENTICATED, clock);
    private final Optional<IdempotencyKey> key = key("k-1", OWNER, "POST /articles", "{the body}");

    @Test
    void storesTheValidatedArticleAtTheClocksMillisecondForItsCaller() {
        clock.advance(Duration.ofNanos(123_456)); // below the millisecond: cut off
        CreateArticle.Created created = create.create(article(), OWNER, Optional.empty());

        Article article = created.article();
        assertThat(created.replayed()).isFalse();
        assertThat(article.createdAt()).isEqualTo(T0).isEqualTo(article.updatedAt());
        assertThat(ArticleIds.isValid(article.id())).isTrue();
        assertThat(ArticleIds.timestamp(article.id())).isEqualTo(T0);
        assertThat(article.tags()).containsExactly("venezuela", "politics");
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2019-04-30T14:05:00Z"));
        assertThat(article.author()).as("the token's name, as the article names no author").isEqualTo("Owner Name");
        assertThat(store.read(article.id())).hasValueSatisfying(stored -> {
            assertThat(stored.article()).isEqualTo(article);
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.createdBy()).isEqualTo("owner-1");
        });
    }

    @Test
    void anAuthorTheArticleNamesWinsAndPublishedAtDefaultsToCreatedAt() {
        Article article = create.create(raw("title", "t", "body", "b", "author", " Desk "), OWNER, Optional.empty()).article();

        assertThat(article.author()).isEqualTo("Desk");
        assertThat(article.publishedAt()).isEqualTo(T0);
        assertThat(article.tags()).isEmpty();
    }

    @Test
    void aTokensNameIsCreditedOnlyWhenItIsAValidAuthor() {
        Caller longName = new Caller("writer-2", " " + "n".repeat(ArticleValidator.NAME_MAX) + " ", Set.of(), Set.of());
        Caller tooLong = new Caller("writer-3", "n".repeat(ArticleValidator.NAME_MAX + 1), Set.of(), Set.of());
        Caller blank = new Caller("writer-4", "  ", Set.of(), Set.of());

        assertThat(create.create(article(), longName, Optional.empty()).article().author()).isEqualTo("n".repeat(ArticleValidator.NAME_MAX));
        assertThat(create.create(article(), tooLong, Optional.empty()).article().author()).isNull();
        assertThat(create.create(article(), blank, Optional.empty()).article().author()).isNull();
    }

    @Test
    void invalidFieldsAreRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> create.create(raw("title", " ", "body", "b"), OWNER, key))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("title"));
        assertThat(store.writes()).isZero();
        // Not recorded against its key: the same key with a valid body is a new request, not a 422.
        assertThat(create.create(article(), OWNER, key).replayed()).isFalse();
    }

    @Test
    void withoutATokenWhereWritesAreAuthenticatedNothingIsStored() {
        assertThatThrownBy(() -> create.create(article(), NO_TOKEN, Optional.empty())).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> create.admit(NO_TOKEN)).isInstanceOf(UnauthenticatedException.class);
        assertThat(store.writes()).isZero();
    }

    @Test
    void wherePublicAnyoneCreatesAndNoOneIsRecordedAsCreator() {
        CreateArticle open = new CreateArticle(store, records, WriteAccess.PUBLIC, clock);
        Article article = open.create(article(), NO_TOKEN, Optional.empty()).article();

        assertThat(article.author()).isNull();
        assertThat(store.read(article.id()).orElseThrow().createdBy()).isNull();
    }

    @Test
    void theSameKeyAndBodyAgainIsAReplayOfTheSameArticleAndStoresNothingMore() {
        Article first = create.create(article(), OWNER, key).article();
        clock.advance(Duration.ofHours(23));
        CreateArticle.Created again = create.create(article(), OWNER, key);

        assertThat(again.replayed()).isTrue();
        assertThat(again.article()).isEqualTo(first);
        assertThat(store.writes()).isEqualTo(1);
        assertThat(records.completed(key.orElseThrow())).isTrue();
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        create.create(article(), OWNER, key);

        assertThatThrownBy(() -> create.create(article(), OWNER, key("k-1", OWNER, "POST /articles", "{another body}")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(store.writes()).isEqualTo(1);
    }

    @Test
    void aKeyIsForgottenAfter24Hours() {
        Article first = create.create(article(), OWNER, key).article();
        clock.advance(InMemoryIdempotencyRecords.RETENTION);

        CreateArticle.Created later = create.create(article(), OWNER, key);
        assertThat(later.replayed()).isFalse();
        assertThat(later.article().id()).isNotEqualTo(first.id());
    }

    @Test
    void aKeyAnotherRequestStillHoldsIsInProgress() {
        records.claim(key.orElseThrow(), "01JDQ8Z3V4K9T2X7M5N6P8R0SA", T0);
        clock.advance(IN_PROGRESS_EXPIRY.minusMillis(1));

        assertThatThrownBy(() -> create.create(article(), OWNER, key)).isInstanceOf(IdempotencyKeyInProgressException.class);
        assertThat(store.writes()).isZero();
    }

    @Test
    void aFailedCreateReleasesItsKeyAndTheRetryFinishesTheSameArticle() {
        store.failNextWrite(new StoreUnavailableException("throttled", null));
        assertThatThrownBy(() -> create.create(article(), OWNER, key)).isInstanceOf(StoreUnavailableException.class);
        assertThat(store.writes()).isZero();

        clock.advance(Duration.ofSeconds(1)); // well within the in-progress time: released, so no 409
        CreateArticle.Created retried = create.create(article(), OWNER, key);
        assertThat(retried.replayed()).isFalse();
        assertThat(retried.article().createdAt()).as("the first attempt's id and time").isEqualTo(T0);
        assertThat(ArticleIds.timestamp(retried.article().id())).isEqualTo(T0);
        assertThat(records.completed(key.orElseThrow())).isTrue();
    }

    @Test
    void aCreateThatStoppedAfterItsCommitIsTakenOverOnceItsTimeHasPassedAndAnsweredWithoutAnotherArticle() {
        // The first attempt claimed the key for its id and stored the article, then stopped before completing the key.
        String id = new ArticleIds().next(T0);
        records.claim(key.orElseThrow(), id, T0);
        Article stored = ArticleValidator.validate(article()).withDefaultAuthor(OWNER.name()).toArticle(id, T0);
        store.create(stored, OWNER.sub(), false, T0);
        clock.advance(IN_PROGRESS_EXPIRY.minusMillis(1));
        assertThatThrownBy(() -> create.create(article(), OWNER, key)).isInstanceOf(IdempotencyKeyInProgressException.class);

        clock.advance(Duration.ofMillis(1));
        CreateArticle.Created retried = create.create(article(), OWNER, key);
        assertThat(retried.article()).isEqualTo(stored);
        assertThat(store.writes()).as("one article, stored once").isEqualTo(1);
        assertThat(records.completed(key.orElseThrow())).isTrue();
    }

    @Test
    void aRetryFindingItsArticleDeletedSaysSo() {
        Article first = create.create(article(), OWNER, key).article();
        new DeleteArticle(store, records, WriteAccess.AUTHENTICATED, Fixtures.EDITORS, clock)
                .delete(first.id(), a -> true, OWNER, Optional.empty());

        assertThatThrownBy(() -> create.create(article(), OWNER, key)).isInstanceOf(ArticleDeletedException.class);
        assertThat(store.writes()).isEqualTo(2);
    }

    @Test
    void aDraftIsStoredWithoutAPublishedAt() {
        Article draft = create.create(Fixtures.draft("Not out yet"), OWNER, Optional.empty()).article();

        assertThat(draft.status()).isEqualTo(Status.DRAFT);
        assertThat(draft.publishedAt()).isNull();
        assertThat(store.get(draft.id())).hasValue(draft);
    }

    @Test
    void aDerivedSlugTakesTheFirstFreeNumber() {
        Article first = create.create(article(), OWNER, Optional.empty()).article();
        Article second = create.create(article(), OWNER, Optional.empty()).article();
        Article draft = create.create(Fixtures.draft("Crowds gather"), OWNER, Optional.empty()).article();

        assertThat(first.slug()).isEqualTo("crowds-gather");
        assertThat(second.slug()).isEqualTo("crowds-gather-2");
        assertThat(draft.slug()).as("a draft's slug is taken too").isEqualTo("crowds-gather-3");
        assertThat(store.get(second.id()).orElseThrow().slug()).isEqualTo("crowds-gather-2");
    }

    @Test
    void aClientsSlugAnotherArticleHoldsIsRefusedAndNothingIsStored() {
        create.create(raw("title", "t", "body", "b", "slug", "the-story", "status", "draft"), OWNER, Optional.empty());
        int writes = store.writes();

        assertThatThrownBy(() -> create.create(raw("title", "Another", "body", "b", "slug", "the-story"), OWNER, key))
                .isInstanceOfSatisfying(SlugTakenException.class, e -> assertThat(e.slug()).isEqualTo("the-story"));
        assertThat(store.writes()).isEqualTo(writes);
        // The key is released: the same key with a free slug is a new request.
        assertThat(create.create(raw("title", "Another", "body", "b", "slug", "another-story"), OWNER, key).replayed()).isFalse();
    }

    @Test
    void aSlugThatOnlyRedirectsCanBeTaken() {
        Article mover = create.create(raw("title", "t", "body", "b", "slug", "first-name"), OWNER, Optional.empty()).article();
        new EditArticle(store, records, WriteAccess.AUTHENTICATED, Fixtures.EDITORS, clock)
                .edit(mover.id(), a -> true, OWNER, raw("slug", "second-name"), Optional.empty());

        Article taker = create.create(raw("title", "t", "body", "b", "slug", "first-name"), OWNER, Optional.empty()).article();
        assertThat(taker.slug()).isEqualTo("first-name");
        assertThat(store.bySlug("first-name").orElseThrow().article()).isEqualTo(taker);
        assertThat(store.bySlug("second-name").orElseThrow().article().id()).isEqualTo(mover.id());
    }

    @Test
    void aDeletedArticlesSlugIsFreeAgain() {
        Article gone = create.create(article(), OWNER, Optional.empty()).article();
        new DeleteArticle(store, records, WriteAccess.AUTHENTICATED, Fixtures.EDITORS, clock)
                .delete(gone.id(), a -> true, OWNER, Optional.empty());

        assertThat(create.create(article(), OWNER, Optional.empty()).article().slug()).isEqualTo("crowds-gather");
        assertThat(create.create(raw("title", "t", "body", "b", "slug", "crowds-gather-2"), OWNER, Optional.empty())
                .article().slug()).isEqualTo("crowds-gather-2");
    }
}
