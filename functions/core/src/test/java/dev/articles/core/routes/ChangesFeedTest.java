package dev.articles.core.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.InvalidInputException;
import dev.articles.core.TestClock;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Status;
import dev.articles.core.changes.Change;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.InMemoryArticleStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed a device applies: after every sync it holds exactly the live articles, each in its latest version. */
class ChangesFeedTest {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    final TestClock clock = new TestClock(T0);
    final InMemoryArticleStore store = new InMemoryArticleStore();
    final Cursors cursors = new Cursors("a-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
    final ChangesFeed feed = new ChangesFeed(store, cursors, clock);
    final ArticleIds ids = new ArticleIds();

    /** A device: applies every change in order, calling until more is false; keeps its cursor. */
    final class Device {
        final Map<String, Article> held = new LinkedHashMap<>();
        String cursor;
        int pages;

        Device sync() {
            ChangesFeed.Page page;
            do {
                Map<String, String> query = new HashMap<>(Map.of("limit", "2"));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                page = feed.changes(query);
                for (Change change : page.changes()) {
                    switch (change) {
                        case Change.Upsert upsert -> held.put(upsert.article().id(), upsert.article());
                        case Change.Delete delete -> held.remove(delete.id());
                    }
                }
                cursor = page.cursor();
                pages++;
            } while (page.more());
            return this;
        }
    }

    Article create(String title, Status status, Instant publishedAt) {
        Instant now = clock.instant();
        String id = ids.next(now);
        return store.create(new Article(id, title.toLowerCase(), status, title, null, "Body of " + title, null, null, null,
                List.of(), publishedAt, now, now), null, true, now);
    }

    Map<String, Article> live() {
        return store.live(clock.instant());
    }

    void settle() {
        clock.advance(ChangesFeed.SETTLE.plusMillis(1));
    }

    @Test
    void aDeviceFromNothingThenWithItsCursorHoldsExactlyTheLiveArticles() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        Article b = create("B", Status.PUBLISHED, T0.minusSeconds(30));
        create("Draft", Status.DRAFT, null);
        Article c = create("C", Status.PUBLISHED, T0.minusSeconds(10));
        settle();
        Device device = new Device().sync();
        assertThat(device.held).isEqualTo(live()).containsOnlyKeys(a.id(), b.id(), c.id());
        assertThat(device.pages).as("3 changes in pages of 2").isEqualTo(2);

        store.edit(a.id(), current -> current.article().withSlug("a-renamed"), clock.instant());
        store.delete(b.id(), current -> { }, clock.instant());
        store.edit(c.id(), current -> new Article(c.id(), c.slug(), Status.DRAFT, c.title(), null, c.body(), null, null,
                null, List.of(), c.publishedAt(), c.createdAt(), c.updatedAt()), clock.instant());
        settle();
        device.sync();
        assertThat(device.held).isEqualTo(live()).containsOnlyKeys(a.id());
        assertThat(device.held.get(a.id()).slug()).isEqualTo("a-renamed");
    }

    @Test
    void aScheduledArticleArrivesAtItsPublishedAtWithNoWrite() {
        Article scheduled = create("Embargoed", Status.PUBLISHED, T0.plusSeconds(600));
        settle();
        Device device = new Device().sync();
        assertThat(device.held).isEmpty();
        int writes = store.writes();

        clock.advance(Duration.ofSeconds(600));
        settle();
        device.sync();
        assertThat(device.held).containsOnlyKeys(scheduled.id());
        assertThat(store.writes()).isEqualTo(writes);
    }

    @Test
    void aLiveArticleRescheduledIntoTheFutureLeavesDevicesAtOnceAndComesBackAtItsNewTime() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        Device device = new Device().sync();
        assertThat(device.held).containsOnlyKeys(a.id());

        Instant goLive = clock.instant().plusSeconds(600);
        store.edit(a.id(), current -> withPublishedAt(current.article(), goLive), clock.instant());
        settle();
        device.sync();
        assertThat(device.held).as("not live until its new publishedAt").isEqualTo(live()).isEmpty();

        clock.advance(Duration.ofSeconds(600));
        settle();
        device.sync();
        assertThat(device.held).isEqualTo(live()).containsOnlyKeys(a.id());
        assertThat(device.held.get(a.id()).publishedAt()).isEqualTo(goLive);
    }

    @Test
    void anArticleRescheduledTwiceGoesLiveAtItsLastTimeOnly() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        Device device = new Device().sync();
        store.edit(a.id(), current -> withPublishedAt(current.article(), T0.plusSeconds(300)), clock.instant());
        clock.advance(Duration.ofSeconds(10));
        store.edit(a.id(), current -> withPublishedAt(current.article(), T0.plusSeconds(900)), clock.instant());

        clock.advance(Duration.ofSeconds(300));
        settle();
        device.sync();
        assertThat(device.held).as("its first go-live passed: still scheduled").isEqualTo(live()).isEmpty();
        clock.advance(Duration.ofSeconds(600));
        settle();
        device.sync();
        assertThat(device.held).isEqualTo(live()).containsOnlyKeys(a.id());
    }

    @Test
    void aPageHoldsEachArticleOnceAndAScheduledArticleNobodySawLeavesNoTrace() {
        Article rescheduled = create("Rescheduled", Status.PUBLISHED, T0.minusSeconds(60));
        Article unpublished = create("Unpublished", Status.PUBLISHED, T0.plusSeconds(600));
        Article deleted = create("Deleted", Status.PUBLISHED, T0.plusSeconds(600));
        settle();
        store.edit(rescheduled.id(), current -> withPublishedAt(current.article(), T0.plusSeconds(120)), clock.instant());
        store.edit(unpublished.id(), current -> new Article(unpublished.id(), unpublished.slug(), Status.DRAFT,
                unpublished.title(), null, unpublished.body(), null, null, null, List.of(), unpublished.publishedAt(),
                unpublished.createdAt(), unpublished.updatedAt()), clock.instant());
        store.delete(deleted.id(), current -> { }, clock.instant());
        clock.advance(Duration.ofSeconds(700));

        // Its own entry (read now as live) and its go-live entry: one page, the article once.
        List<Change> changes = feed.changes(Map.of("limit", "100")).changes();
        assertThat(changes).extracting(Change::id).containsExactly(rescheduled.id());
    }

    @Test
    void theLastSecondsAreHeldBackUntilTheyHaveSettled() {
        Article a = create("A", Status.PUBLISHED, T0.minusSeconds(60));
        Device device = new Device().sync();
        assertThat(device.held).as("written just now: not yet").isEmpty();
        assertThat(device.cursor).isNotNull();
        settle();
        assertThat(device.sync().held).containsOnlyKeys(a.id());
    }

    @Test
    void anUpToDateDeviceGetsNothingAndKeepsGoing() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        Device device = new Device().sync();
        String cursor = device.cursor;
        clock.advance(Duration.ofMinutes(1));
        ChangesFeed.Page page = feed.changes(Map.of("cursor", cursor));
        assertThat(page.changes()).isEmpty();
        assertThat(page.more()).isFalse();
    }

    @Test
    void aDeviceCallingAgainAtOnceOrOnAClockBehindGetsNothingAndKeepsItsPlace() {
        create("A", Status.PUBLISHED, T0.minusSeconds(60));
        settle();
        Device device = new Device().sync();
        String cursor = device.cursor;
        ChangesFeed.Page again = feed.changes(Map.of("cursor", cursor));
        assertThat(again.changes()).isEmpty();
        assertThat(again.more()).isFalse();
        ChangesFeed behind = new ChangesFeed(store, cursors, Clock.offset(clock, Duration.ofSeconds(-2)));
        ChangesFeed.Page page = behind.changes(Map.of("cursor", cursor));
        assertThat(page.changes()).isEmpty();
        assertThat(cursors.decode(page.cursor(), () -> "changes")).as("never goes back").isEqualTo(cursors.decode(cursor, () -> "changes"));
    }

    @Test
    void aCursorOlderThanTheDeletionsRememberedIsExpiredAnAlteredOneInvalid() {
        Device device = new Device().sync();
        clock.advance(ChangesFeed.REMEMBERED.plusDays(1));
        assertThatThrownBy(() -> feed.changes(Map.of("cursor", device.cursor))).isInstanceOf(ChangesExpiredException.class);
        String altered = (device.cursor.charAt(5) == 'A' ? "B" : "A");
        assertThatThrownBy(() -> feed.changes(Map.of("cursor", device.cursor.substring(0, 5) + altered + device.cursor.substring(6))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> feed.changes(Map.of("limit", "101"))).isInstanceOf(InvalidInputException.class);
    }

    /**
     * A sync from nothing over articles last changed months ago passes positions that old, page after page: each
     * article it holds was read this walk, so it has missed no deletion, and the walk goes to the end.
     */
    @Test
    void aSyncFromNothingOverChangesOlderThanTheDeletionsRememberedWalksToTheEnd() {
        for (String title : List.of("A", "B", "C", "D", "E")) {
            create(title, Status.PUBLISHED, clock.instant());
            clock.advance(Duration.ofDays(20));
        }
        clock.advance(ChangesFeed.REMEMBERED);

        Device device = new Device().sync();

        assertThat(device.pages).isEqualTo(3);
        assertThat(device.held).isEqualTo(live());
    }

    /** What expires is the walk: one that stopped halfway more than the deletions remembered ago may have missed one. */
    @Test
    void aWalkLeftHalfwayLongerThanTheDeletionsRememberedIsExpired() {
        for (String title : List.of("A", "B", "C")) {
            create(title, Status.PUBLISHED, clock.instant());
        }
        settle();
        ChangesFeed.Page first = feed.changes(Map.of("limit", "1"));
        assertThat(first.more()).isTrue();
        clock.advance(ChangesFeed.REMEMBERED.minusMinutes(1));
        assertThat(feed.changes(Map.of("cursor", first.cursor(), "limit", "1")).changes()).hasSize(1);

        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> feed.changes(Map.of("cursor", first.cursor()))).isInstanceOf(ChangesExpiredException.class);
    }

    private static Article withPublishedAt(Article a, Instant publishedAt) {
        return new Article(a.id(), a.slug(), a.status(), a.title(), a.summary(), a.body(), a.author(), a.source(),
                a.sourceUrl(), a.tags(), publishedAt, a.createdAt(), a.updatedAt());
    }
}
