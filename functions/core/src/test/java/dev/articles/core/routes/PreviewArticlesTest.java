package dev.articles.core.routes;

import static dev.articles.core.routes.Fixtures.CURSORS;
import static dev.articles.core.routes.Fixtures.EDITORS;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_GROUP;
import static dev.articles.core.routes.Fixtures.EDITOR_BY_SCOPE;
import static dev.articles.core.routes.Fixtures.NO_TOKEN;
import static dev.articles.core.routes.Fixtures.OTHER;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static dev.articles.core.routes.Fixtures.create;
import static dev.articles.core.routes.Fixtures.draft;
import static dev.articles.core.routes.Fixtures.published;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.RawArticle;
import dev.articles.core.store.InMemoryArticleStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The newsroom's list: drafts, scheduled and live; a reporter's own, an editor's all. */
class PreviewArticlesTest {

    private static final Instant EMBARGO = T0.plus(Duration.ofHours(2));

    private final TestClock clock = new TestClock(T0);
    private final InMemoryArticleStore store = new InMemoryArticleStore();
    private final PreviewArticles preview = new PreviewArticles(store, CURSORS, WriteAccess.AUTHENTICATED, EDITORS, clock);
    // Newest first: the scheduled one (EMBARGO), the draft (sorted at its updatedAt, T0 + 1s), then the live ones.
    private final Article ownersLive = create(store, clock, published("Live", T0.minus(Duration.ofDays(1))), OWNER);
    private final Article othersLive = create(store, clock, published("Another's", T0.minus(Duration.ofDays(2))), OTHER);
    private final Article ownersDraft = createLater(draft("Draft"));
    private final Article ownersScheduled = create(store, clock, published("Scheduled", EMBARGO), OWNER);

    private Article createLater(RawArticle fields) {
        clock.advance(Duration.ofSeconds(1));
        return create(store, clock, fields, OWNER);
    }

    @Test
    void aReporterSeesTheArticlesTheyCreatedAndOnlyThose() {
        assertThat(preview.list(Map.of(), OWNER).items()).extracting(Article::id)
                .containsExactly(ownersScheduled.id(), ownersDraft.id(), ownersLive.id());
        assertThat(preview.list(Map.of(), OTHER).items()).extracting(Article::id).containsExactly(othersLive.id());
    }

    @Test
    void editorsAndOpenDeploymentsSeeEveryArticle() {
        String[] all = {ownersScheduled.id(), ownersDraft.id(), ownersLive.id(), othersLive.id()};
        PreviewArticles open = new PreviewArticles(store, CURSORS, WriteAccess.PUBLIC, EDITORS, clock);

        assertThat(preview.list(Map.of(), EDITOR_BY_SCOPE).items()).extracting(Article::id).containsExactly(all);
        assertThat(preview.list(Map.of(), EDITOR_BY_GROUP).items()).extracting(Article::id).containsExactly(all);
        assertThat(open.list(Map.of(), NO_TOKEN).items()).extracting(Article::id).containsExactly(all);
    }

    @Test
    void theStatusFilterPicksDraftsScheduledOrLiveArticlesAtTheClocksTime() {
        assertThat(preview.list(Map.of("status", "draft"), OWNER).items()).extracting(Article::id).containsExactly(ownersDraft.id());
        assertThat(preview.list(Map.of("status", "scheduled"), OWNER).items()).extracting(Article::id)
                .containsExactly(ownersScheduled.id());
        assertThat(preview.list(Map.of("status", "live"), EDITOR_BY_SCOPE).items()).extracting(Article::id)
                .containsExactly(ownersLive.id(), othersLive.id());

        clock.advance(Duration.between(clock.instant(), EMBARGO));
        assertThat(preview.list(Map.of("status", "scheduled"), OWNER).items()).isEmpty();
        assertThat(preview.list(Map.of("status", "live"), OWNER).items()).extracting(Article::id)
                .containsExactly(ownersScheduled.id(), ownersLive.id());
    }

    @Test
    void theStatusFilterCombinesWithTheListsParameters() {
        assertThat(preview.list(Map.of("status", "live", "until", "2026-11-23T18:03:11.482Z"), EDITOR_BY_SCOPE).items())
                .extracting(Article::id).containsExactly(othersLive.id());
    }

    @Test
    void anUnknownStatusIsAnInvalidParameterReportedWithTheOthers() {
        assertThatThrownBy(() -> preview.list(Map.of("status", "bogus", "limit", "0"), OWNER))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.PARAMETERS);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("status", "limit");
                });
        assertThatThrownBy(() -> preview.list(Map.of("status", "published"), OWNER)).as("an article's status is no filter")
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("status", "must be draft, scheduled or live")));
    }

    @Test
    void pagesFollowTheirCursor() {
        ListArticles.Listing first = preview.list(Map.of("limit", "2"), OWNER);
        ListArticles.Listing second = preview.list(Map.of("limit", "2", "cursor", first.nextCursor()), OWNER);

        assertThat(first.items()).extracting(Article::id).containsExactly(ownersScheduled.id(), ownersDraft.id());
        assertThat(second.items()).extracting(Article::id).containsExactly(ownersLive.id());
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aCursorFromAReportersListIsRefusedForAnyOtherList() {
        String cursor = preview.list(Map.of("limit", "1"), OWNER).nextCursor();

        assertRefused(Map.of("limit", "1", "cursor", cursor), OTHER);
        assertRefused(Map.of("limit", "1", "cursor", cursor), EDITOR_BY_SCOPE);
        assertRefused(Map.of("limit", "1", "cursor", cursor, "status", "draft"), OWNER);
        assertRefused(Map.of("limit", "1", "cursor", cursor, "tag", "politics"), OWNER);
        ListArticles publicList = new ListArticles(store, CURSORS, clock);
        assertThatThrownBy(() -> publicList.list(Map.of("cursor", cursor))).as("nor does it page the public list")
                .isInstanceOf(InvalidInputException.class);
    }

    private void assertRefused(Map<String, String> query, Caller caller) {
        assertThatThrownBy(() -> preview.list(query, caller)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("cursor"));
    }

    @Test
    void withoutATokenWhereWritesAreAuthenticatedNothingIsListed() {
        assertThatThrownBy(() -> preview.list(Map.of(), NO_TOKEN)).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> preview.list(Map.of("status", "bogus"), NO_TOKEN)).as("before the parameters")
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void thePublicListShowsTheLiveArticlesOnly() {
        assertThat(new ListArticles(store, CURSORS, clock).list(Map.of()).items()).extracting(Article::id)
                .containsExactly(ownersLive.id(), othersLive.id());
    }
}
