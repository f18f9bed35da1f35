package dev.articles.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Slugs;
import dev.articles.core.article.Status;
import dev.articles.core.changes.Change;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ListFilter;
import dev.articles.dynalite.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The changes feed over DynamoDB (ByChange): a device that applies every change, in pages, holds exactly what the
 * public routes show, through creates, edits, deletes, an unpublish and a scheduled go-live.
 */
class FeedIT {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    static final Cursors CURSORS = new Cursors("a-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));

    final TestDatabase db = TestDatabase.shared();
    final String table = db.newTable();
    final ArticleIds ids = new ArticleIds();
    final Map<String, Article> device = new HashMap<>();
    String cursor;

    /** The store as a function at {@code at} sees it: its commits stamped then. */
    DynamoArticleStore storeAt(Instant at) {
        return new DynamoArticleStore(db.client(), table, new RequestDeadline(), (id, left, cause) -> {
            throw cause;
        }, Clock.fixed(at, ZoneOffset.UTC));
    }

    /** Every change a sync saw, in order. */
    final List<Change> seen = new ArrayList<>();

    /** Syncs as a device does at {@code at}: every page, each change applied in order. */
    int sync(Instant at) {
        return sync(at, 3);
    }

    int sync(Instant at, int limit) {
        ChangesFeed feed = new ChangesFeed(storeAt(at), CURSORS, Clock.fixed(at, ZoneOffset.UTC));
        int pages = 0;
        ChangesFeed.Page page;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", String.valueOf(limit)));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            page = feed.changes(query);
            seen.addAll(page.changes());
            page.changes().forEach(change -> {
                switch (change) {
                    case Change.Upsert upsert -> device.put(upsert.article().id(), upsert.article());
                    case Change.Delete delete -> device.remove(delete.id());
                }
            });
            cursor = page.cursor();
            pages++;
        } while (page.more());
        return pages;
    }

    Map<String, Article> live(Instant at) {
        DynamoArticleStore store = storeAt(at);
        Map<String, Article> live = new HashMap<>();
        store.list(ListFilter.ALL, null, 100, at).items().forEach(s -> live.put(s.id(), store.get(s.id()).orElseThrow()));
        return live;
    }

    Article create(Instant at, String title, Status status, Instant publishedAt) {
        String id = ids.next(at);
        return storeAt(at).create(new Article(id, Slugs.derive(title, id), status, title, null, "Body of " + title, "Ann", null, null,
                List.of("feed"), publishedAt, at, at), "sub-ann", false, at);
    }

    @Test
    void aDeviceHoldsExactlyTheLiveArticlesAfterEverySync() {
        Article a = create(T0, "Alpha", Status.PUBLISHED, T0);
        Article b = create(T0, "Beta", Status.PUBLISHED, T0.minusSeconds(3600));
        create(T0, "Never published", Status.DRAFT, null);
        Article c = create(T0, "Gamma", Status.PUBLISHED, T0);
        Article scheduled = create(T0, "Embargoed", Status.PUBLISHED, T0.plusSeconds(120));
        Article d = create(T0, "Delta", Status.PUBLISHED, T0);

        Instant t1 = T0.plus(ChangesFeed.SETTLE).plusSeconds(1);
        assertThat(sync(t1)).isEqualTo(2);
        assertThat(device).isEqualTo(live(t1)).containsOnlyKeys(a.id(), b.id(), c.id(), d.id());

        Instant t2 = t1.plusSeconds(10);
        storeAt(t2).edit(a.id(), current -> current.article().withSlug("alpha-renamed"), t2);
        storeAt(t2).delete(b.id(), current -> { }, t2);
        storeAt(t2).edit(c.id(), current -> withStatus(current.article(), Status.DRAFT), t2);
        Instant t3 = t2.plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t3);
        assertThat(device).isEqualTo(live(t3)).containsOnlyKeys(a.id(), d.id());
        assertThat(device.get(a.id()).slug()).isEqualTo("alpha-renamed");

        Instant t4 = scheduled.publishedAt().plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t4);
        assertThat(device).isEqualTo(live(t4)).containsOnlyKeys(a.id(), d.id(), scheduled.id());

        assertThat(sync(t4.plusSeconds(60))).as("up to date: one small page").isEqualTo(1);
        // Again at the same instant (or on an instance whose clock is behind): the cursor is at the settled point.
        assertThat(sync(t4.plusSeconds(60))).as("called again at once").isEqualTo(1);
        assertThat(sync(t4.plusSeconds(59))).as("a clock a second behind").isEqualTo(1);
        assertThat(device).isEqualTo(live(t4));
    }


    @Test
    void aLiveArticleRescheduledIntoTheFutureLeavesDevicesAtOnceAndComesBackAtItsNewTime() {
        Article a = create(T0, "Alpha", Status.PUBLISHED, T0);
        Article b = create(T0, "Beta", Status.PUBLISHED, T0);
        Instant t1 = T0.plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t1);
        assertThat(device).containsOnlyKeys(a.id(), b.id());

        Instant t2 = t1.plusSeconds(10);
        Instant goLive = t2.plusSeconds(600);
        storeAt(t2).edit(a.id(), current -> withPublishedAt(current.article(), goLive), t2);
        Instant t3 = t2.plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t3);
        assertThat(device).as("not live until its new publishedAt").isEqualTo(live(t3)).containsOnlyKeys(b.id());

        // Rescheduled again, later: its first go-live passes with the article still scheduled.
        Instant later = goLive.plusSeconds(600);
        storeAt(t3).edit(a.id(), current -> withPublishedAt(current.article(), later), t3);
        Instant t4 = goLive.plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t4);
        assertThat(device).isEqualTo(live(t4)).containsOnlyKeys(b.id());

        Instant t5 = later.plus(ChangesFeed.SETTLE).plusSeconds(1);
        sync(t5, 1);
        assertThat(device).isEqualTo(live(t5)).containsOnlyKeys(a.id(), b.id());
        assertThat(device.get(a.id()).publishedAt()).isEqualTo(later);

        // From nothing, a change at a time: each article once a page, every go-live entry passed.
        device.clear();
        cursor = null;
        sync(t5, 1);
        assertThat(device).isEqualTo(live(t5));
    }

    @Test
    void aScheduledArticleNobodySawLeavesNoTrace() {
        Article unpublished = create(T0, "Embargoed, then withdrawn", Status.PUBLISHED, T0.plusSeconds(600));
        Article deleted = create(T0, "Embargoed, then deleted", Status.PUBLISHED, T0.plusSeconds(600));
        Article moved = create(T0, "Embargoed, moved twice", Status.PUBLISHED, T0.plusSeconds(600));
        Instant t1 = T0.plusSeconds(10);
        storeAt(t1).edit(unpublished.id(), current -> withStatus(current.article(), Status.DRAFT), t1);
        storeAt(t1).delete(deleted.id(), current -> { }, t1);
        storeAt(t1).edit(moved.id(), current -> withPublishedAt(current.article(), T0.plusSeconds(300)), t1);
        storeAt(t1).edit(moved.id(), current -> withPublishedAt(current.article(), T0.plusSeconds(900)), t1.plusSeconds(1));

        Instant t2 = T0.plusSeconds(700);
        sync(t2, 1);
        assertThat(seen).as("nothing about an article before it is live").isEmpty();
        Instant t3 = T0.plusSeconds(1000);
        sync(t3, 1);
        // Live now: each of its entries (its own and those at the go-live times it had) shows it as it is.
        assertThat(seen).isNotEmpty().allMatch(change -> change instanceof Change.Upsert upsert && upsert.article().id().equals(moved.id()));
        assertThat(device).isEqualTo(live(t3));
    }

    private static Article withPublishedAt(Article a, Instant publishedAt) {
        return new Article(a.id(), a.slug(), a.status(), a.title(), a.summary(), a.body(), a.author(), a.source(),
                a.sourceUrl(), a.tags(), publishedAt, a.createdAt(), a.updatedAt());
    }

    private static Article withStatus(Article a, Status status) {
        return new Article(a.id(), a.slug(), status, a.title(), a.summary(), a.body(), a.author(), a.source(),
                a.sourceUrl(), a.tags(), a.publishedAt(), a.createdAt(), a.updatedAt());
    }
}
