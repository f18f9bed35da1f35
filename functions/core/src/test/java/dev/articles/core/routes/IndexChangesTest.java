package dev.articles.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.paging.Cursors;
import dev.articles.core.search.InMemoryIndexCursorStore;
import dev.articles.core.search.InMemorySearchDocuments;
import dev.articles.core.search.IndexCursor;
import dev.articles.core.search.SearchIndexingException;
import dev.articles.core.store.InMemoryArticleStore;
import dev.articles.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The indexer applies the feed as a device does: after a run the index holds exactly the live articles. */
class IndexChangesTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    final TestClock clock = new TestClock(T0);
    final InMemoryArticleStore store = new InMemoryArticleStore();
    final ChangesFeed feed = new ChangesFeed(store,
            new Cursors("a-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8)), clock);
    final InMemorySearchDocuments documents = new InMemorySearchDocuments();
    final InMemoryIndexCursorStore cursors = new InMemoryIndexCursorStore();
    final List<Duration> sleeps = new ArrayList<>();
    final IndexChanges indexer = new IndexChanges(feed, documents, cursors, clock, duration -> {
        sleeps.add(duration);
        clock.advance(duration);
    });
    final ArticleIds ids = new ArticleIds();

    Article create(String title, Status status, Instant publishedAt) {
        Instant now = clock.instant();
        return store.create(new Article(ids.next(now), title.toLowerCase(), status, title, null, "Body of " + title, null,
                null, null, List.of(), publishedAt, now, now), null, true, now);
    }

    Article unpublish(Article a) {
        return store.edit(a.id(), current -> new Article(a.id(), a.slug(), Status.DRAFT, a.title(), null, a.body(), null,
                null, null, List.of(), a.publishedAt(), a.createdAt(), a.updatedAt()), clock.instant()).article();
    }

    Map<String, Article> live() {
        return store.live(clock.instant());
    }

    void settle() {
        clock.advance(ChangesFeed.SETTLE.plusMillis(1));
    }

    /** Creates more articles than a page holds and indexes them all (from scratch, the first time): a rebuild of them takes two pages. */
    IndexChanges.Run indexMoreThanAPage() {
        for (int i = 0; i < ChangesFeed.MAX_LIMIT + 1; i++) {
            create("A" + i, Status.PUBLISHED, T0.minusSeconds(60));
        }
        settle();
        return indexer.run(false, clock.instant().plusSeconds(1));
    }

    /** A run with no time to wait for changes still settling. */
    IndexChanges.Run runNow() {
        return indexer.run(false, clock.instant());
    }

    @Test
    void theFirstRunBuildsTheIndexAndLaterRunsApplyUpsertsAndDeletesInOrder() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        Article b = create("B", Status.PUBLISHED, T0.minusSeconds(30));
        create("Draft", Status.DRAFT, null);
        Article c = create("C", Status.PUBLISHED, T0.minusSeconds(10));
        settle();
        IndexChanges.Run first = runNow();
        assertThat(first.outcome()).isEqualTo(IndexChanges.Outcome.UP_TO_DATE);
        assertThat(first.reindexed()).as("no cursor yet: built from scratch").isTrue();
        assertThat(first.upserts()).isEqualTo(3);
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id(), b.id(), c.id());
        IndexCursor cursor = cursors.read().orElseThrow();
        assertThat(cursor.building()).isFalse();
        assertThat(documents.alias()).contains(cursor.index());

        store.edit(a.id(), current -> current.article().withSlug("a-renamed"), clock.instant());
        store.delete(b.id(), current -> { }, clock.instant());
        unpublish(c);
        Article d = create("D", Status.PUBLISHED, T0);
        settle();
        IndexChanges.Run second = runNow();
        assertThat(second.reindexed()).isFalse();
        assertThat(second.upserts()).isEqualTo(2);
        assertThat(second.deletes()).isEqualTo(2);
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id(), d.id());
        assertThat(documents.searchable().get(a.id()).slug()).isEqualTo("a-renamed");
        assertThat(second.lag()).as("the newest change applied was stamped a settle window ago")
                .isEqualTo(ChangesFeed.SETTLE.plusMillis(1));

        IndexChanges.Run third = runNow();
        assertThat(third.upserts() + third.deletes()).isZero();
        assertThat(third.lag()).as("up to date").isZero();
    }

    @Test
    void aCrashBetweenTheBulkAndTheCursorSaveAppliesThePageAgainHarmlessly() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        Article b = create("B", Status.PUBLISHED, T0);
        store.delete(b.id(), current -> { }, clock.instant());
        create("C", Status.PUBLISHED, T0);
        settle();
        cursors.beforeNextSave(() -> {
            throw new StoreUnavailableException("throttled", null);
        });
        assertThatThrownBy(this::runNow).isInstanceOf(StoreUnavailableException.class);
        Map<String, Article> applied = documents.searchable();
        assertThat(applied).isEqualTo(live());

        IndexChanges.Run again = runNow();
        assertThat(again.upserts() + again.deletes()).as("the same page, again").isEqualTo(2);
        assertThat(documents.skipped()).as("every change of it was held already").isEqualTo(2);
        assertThat(documents.searchable()).isEqualTo(applied);
    }

    @Test
    void anOlderChangeNeverOverwritesANewerOne() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        List<Change> older = feed.read(ChangesFeed.START, ChangesFeed.MAX_LIMIT).changes();
        store.edit(a.id(), current -> current.article().withSlug("newer"), clock.instant());
        settle();
        runNow();
        // A second indexer, slower, applies the page it read before the edit.
        documents.apply(older);
        assertThat(documents.skipped()).isEqualTo(1);
        assertThat(documents.searchable().get(a.id()).slug()).isEqualTo("newer");
    }

    @Test
    void anIndexerThatLosesTheRaceForTheCursorStops() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        create("B", Status.PUBLISHED, T0);
        settle();
        IndexCursor other = new IndexCursor(ChangesFeed.START, "articles-other", false, clock.instant(), clock.instant());
        cursors.beforeNextSave(() -> cursors.set(other));
        IndexChanges.Run run = runNow();
        assertThat(run.outcome()).isEqualTo(IndexChanges.Outcome.CURSOR_MOVED);
        assertThat(cursors.read()).contains(other);
    }

    @Test
    void aPositionOlderThanTheDeletionsRememberedRebuildsTheIndexFromScratch() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        String old = cursors.read().orElseThrow().index();
        clock.advance(ChangesFeed.REMEMBERED.plusDays(1));
        Article b = create("B", Status.PUBLISHED, clock.instant());
        settle();
        IndexChanges.Run run = runNow();
        assertThat(run.reindexed()).isTrue();
        assertThat(run.outcome()).isEqualTo(IndexChanges.Outcome.UP_TO_DATE);
        IndexCursor cursor = cursors.read().orElseThrow();
        assertThat(cursor.index()).isNotEqualTo(old);
        assertThat(documents.alias()).contains(cursor.index());
        assertThat(documents.dropped()).containsExactly(old);
        assertThat(documents.indexes()).containsExactly(cursor.index());
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id(), b.id());
    }

    @Test
    void aMissingIndexOrARequestRebuildsIt() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        documents.lose();
        IndexChanges.Run run = runNow();
        assertThat(run.reindexed()).as("with no change to apply too").isTrue();
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id());

        Article b = create("B", Status.PUBLISHED, T0);
        settle();
        documents.loseOnNextApply();
        run = runNow();
        assertThat(run.reindexed()).as("lost during the run: the write through the alias finds it gone").isTrue();
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id(), b.id());

        String before = cursors.read().orElseThrow().index();
        clock.advance(Duration.ofMillis(1));
        IndexChanges.Run forced = indexer.run(true, clock.instant());
        assertThat(forced.reindexed()).isTrue();
        assertThat(forced.upserts()).isEqualTo(2);
        assertThat(cursors.read().orElseThrow().index()).isNotEqualTo(before);
        assertThat(documents.dropped()).contains(before);
        assertThat(documents.searchable()).isEqualTo(live());
    }

    @Test
    void aRebuildThatRunsOutOfTimeGoesOnInTheNextRunWhileSearchKeepsTheOldIndex() {
        indexMoreThanAPage();
        String old = documents.alias().orElseThrow();
        Article late = create("Late", Status.PUBLISHED, T0);
        settle();
        IndexChanges.Run first = indexer.run(true, clock.instant());
        assertThat(first.outcome()).isEqualTo(IndexChanges.Outcome.OUT_OF_TIME);
        assertThat(cursors.read().orElseThrow().building()).isTrue();
        assertThat(documents.alias()).as("searches still see the old index").contains(old);
        assertThat(documents.searchable()).doesNotContainKey(late.id());

        IndexChanges.Run second = runNow();
        assertThat(second.reindexed()).isFalse();
        assertThat(second.outcome()).isEqualTo(IndexChanges.Outcome.UP_TO_DATE);
        assertThat(documents.alias()).contains(cursors.read().orElseThrow().index()).isNotEqualTo(old);
        assertThat(documents.searchable()).isEqualTo(live()).hasSize(ChangesFeed.MAX_LIMIT + 2);
    }

    @Test
    void theLagIsHowLongTheNewestChangeWaitedOrTheAgeOfTheCursorWhenOutOfTime() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        for (int i = 0; i < ChangesFeed.MAX_LIMIT + 1; i++) {
            create("B" + i, Status.PUBLISHED, T0);
        }
        clock.advance(Duration.ofSeconds(20)); // the indexer was woken late
        IndexChanges.Run behind = runNow();
        assertThat(behind.outcome()).isEqualTo(IndexChanges.Outcome.OUT_OF_TIME);
        assertThat(behind.rebuilding()).isFalse();
        assertThat(behind.lag()).as("now less the cursor's position, the newest change applied")
                .isEqualTo(Duration.between(Timestamps.parseSortable(cursors.read().orElseThrow().position()), clock.instant()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(20));

        IndexChanges.Run caughtUp = runNow();
        assertThat(caughtUp.outcome()).isEqualTo(IndexChanges.Outcome.UP_TO_DATE);
        assertThat(caughtUp.lag()).isEqualTo(Duration.ofSeconds(20));
        assertThat(runNow().lag()).as("nothing to apply").isZero();
    }

    @Test
    void aRebuildReportsTheTimeSinceItBeganNotTheAgeOfTheEntriesItApplies() {
        IndexChanges.Run first = indexMoreThanAPage();
        assertThat(first.reindexed()).isTrue();
        assertThat(first.rebuilding()).as("finished in the run").isFalse();
        assertThat(first.lag()).as("up to date once the alias moved").isZero();

        // Months later, with no change since: the position has expired, and a rebuild applies entries 90 days old.
        clock.advance(Duration.ofDays(90));
        IndexChanges.Run expired = runNow();
        assertThat(expired.reindexed()).isTrue();
        assertThat(expired.outcome()).isEqualTo(IndexChanges.Outcome.OUT_OF_TIME);
        assertThat(expired.rebuilding()).isTrue();
        assertThat(expired.lag()).as("it just began").isZero();

        clock.advance(Duration.ofSeconds(30));
        IndexChanges.Run finished = runNow();
        assertThat(finished.outcome()).isEqualTo(IndexChanges.Outcome.UP_TO_DATE);
        assertThat(finished.rebuilding()).isFalse();
        assertThat(finished.lag()).isZero();
        assertThat(documents.searchable()).isEqualTo(live()).hasSize(ChangesFeed.MAX_LIMIT + 1);

        clock.advance(Duration.ofMillis(1));
        IndexChanges.Run requested = indexer.run(true, clock.instant());
        assertThat(requested.rebuilding()).isTrue();
        assertThat(requested.lag()).isZero();
    }

    @Test
    void aRebuildThatNeverFinishesReportsALagThatGrowsFromItsStart() {
        indexMoreThanAPage();
        String old = documents.alias().orElseThrow();
        clock.advance(Duration.ofDays(90));
        Instant began = clock.instant();
        indexer.run(true, clock.instant());
        // Stuck: the index being built is lost before each run (deleted by hand), so each run starts it again.
        List<Duration> lags = new ArrayList<>();
        for (int minute = 1; minute <= 6; minute++) {
            clock.advance(Duration.ofMinutes(1));
            documents.drop(cursors.read().orElseThrow().index());
            IndexChanges.Run run = runNow();
            assertThat(run.outcome()).isEqualTo(IndexChanges.Outcome.OUT_OF_TIME);
            assertThat(run.rebuilding()).isTrue();
            lags.add(run.lag());
        }
        assertThat(lags).as("the time since the rebuild began: past the alarm's 60 s from the second minute on")
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(4),
                        Duration.ofMinutes(5), Duration.ofMinutes(6));
        assertThat(cursors.read().orElseThrow().startedAt()).isEqualTo(began);
        assertThat(documents.alias()).as("searches still read the old index").contains(old);
    }

    @Test
    void upToDateItWaitsForAChangeSettlingSoonButNotPastItsTime() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        // Woken by a write: its change settles in 5 s; a scheduled article goes live in 30 s.
        Instant start = clock.instant();
        Article b = create("B", Status.PUBLISHED, start);
        Article scheduled = create("Embargoed", Status.PUBLISHED, start.plusSeconds(30));
        IndexChanges.Run run = indexer.run(false, start.plusSeconds(80));
        assertThat(run.upserts()).isEqualTo(2);
        assertThat(documents.searchable()).isEqualTo(live()).containsOnlyKeys(a.id(), b.id(), scheduled.id());
        assertThat(run.lag()).as("the go-live was applied as it settled").isEqualTo(ChangesFeed.SETTLE.plusMillis(1));
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(30).plus(ChangesFeed.SETTLE).plusMillis(1));
        assertThat(sleeps).allSatisfy(nap -> assertThat(nap).isPositive().isLessThanOrEqualTo(IndexChanges.NAP));

        sleeps.clear();
        Article later = create("Later", Status.PUBLISHED, clock.instant().plusSeconds(50));
        indexer.run(false, clock.instant().plusSeconds(20));
        assertThat(sleeps).as("settles after the run's time: the next run's").isEmpty();
        assertThat(documents.searchable()).doesNotContainKey(later.id());

        clock.advance(Duration.ofSeconds(60));
        create("Much later", Status.PUBLISHED, clock.instant().plus(IndexChanges.LOOK_AHEAD).plusSeconds(10));
        indexer.run(false, clock.instant().plusSeconds(600));
        assertThat(sleeps).as("Later settles now; Much later is beyond the look-ahead").isEmpty();
        assertThat(documents.searchable()).containsKey(later.id());
    }

    @Test
    void aWriteMadeWhileItWaitsForALaterGoLiveIsAppliedAsItSettles() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        Instant start = clock.instant();
        create("Embargoed", Status.PUBLISHED, start.plus(IndexChanges.LOOK_AHEAD).minusSeconds(10));
        List<Instant> applied = new ArrayList<>();
        Article[] written = new Article[1];
        IndexChanges watched = new IndexChanges(feed, documents, cursors, clock, duration -> {
            if (written[0] == null) {
                written[0] = create("Written meanwhile", Status.PUBLISHED, clock.instant()); // its wake-up is held back
            } else if (applied.isEmpty() && documents.searchable().containsKey(written[0].id())) {
                applied.add(clock.instant());
            }
            clock.advance(duration);
        });
        watched.run(false, start.plusSeconds(90));
        assertThat(applied).isNotEmpty();
        assertThat(Duration.between(written[0].createdAt(), applied.getFirst()))
                .isLessThanOrEqualTo(IndexChanges.NAP.plus(ChangesFeed.SETTLE).plusSeconds(1));
        assertThat(documents.searchable()).isEqualTo(live()).hasSize(3);
    }

    @Test
    void aChangeTheEngineRefusesFailsTheRunBeforeTheCursorMoves() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        runNow();
        IndexCursor before = cursors.read().orElseThrow();
        Article b = create("B", Status.PUBLISHED, T0);
        settle();
        documents.refuseNext();
        assertThatThrownBy(this::runNow).isInstanceOf(SearchIndexingException.class);
        assertThat(cursors.read()).contains(before);
        runNow();
        assertThat(documents.searchable()).containsKey(b.id());
    }
}
