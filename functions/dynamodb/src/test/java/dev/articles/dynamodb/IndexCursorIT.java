package dev.articles.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Slugs;
import dev.articles.core.article.Status;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.search.IndexCursor;
import dev.articles.core.search.IndexCursorMovedException;
import dev.articles.dynalite.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The search indexer's cursor item and its next-due lookup, on the real engine. */
class IndexCursorIT {

    static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    final TestDatabase db = TestDatabase.shared();
    final String table = db.newTable();
    final DynamoIndexCursorStore cursors = new DynamoIndexCursorStore(db.client(), table, new RequestDeadline());

    @Test
    void theCursorIsSavedOnlyOverTheOneReadAndALoserIsRefused() {
        assertThat(cursors.read()).isEmpty();
        IndexCursor first = new IndexCursor(ChangesFeed.START, "articles-1", true, T0, T0);
        cursors.save(Optional.empty(), first);
        assertThat(cursors.read()).contains(first);
        assertThatThrownBy(() -> cursors.save(Optional.empty(), first)).as("a second first run")
                .isInstanceOf(IndexCursorMovedException.class);

        IndexCursor second = new IndexCursor("2026-12-03T09:59:55.000000000Z#" + "0".repeat(26), "articles-1", false, T0, T0.plusSeconds(1));
        cursors.save(Optional.of(first), second);
        assertThat(cursors.read()).contains(second);
        // Another indexer still holding the first cursor loses; so does one holding the same position of another index.
        assertThatThrownBy(() -> cursors.save(Optional.of(first), new IndexCursor("x", "articles-1", false, T0, T0)))
                .isInstanceOf(IndexCursorMovedException.class);
        assertThatThrownBy(() -> cursors.save(Optional.of(new IndexCursor(second.position(), "articles-2", false, T0, T0)), first))
                .isInstanceOf(IndexCursorMovedException.class);
        assertThat(cursors.read()).contains(second);

        Map<String, ?> item = db.client().getItem(r -> r.tableName(table)
                .key(Map.of("pk", Attributes.s("INDEXER#search"), "sk", Attributes.s("CURSOR")))).item();
        assertThat(item).containsOnlyKeys("pk", "sk", "position", "index", "building", "startedAt", "updatedAt");
    }

    @Test
    void theNextChangeAfterTheSettledPointIsFoundWithItsSettleTime() {
        Instant scheduledAt = T0.plusSeconds(40);
        DynamoArticleStore store = new DynamoArticleStore(db.client(), table, new RequestDeadline(), (id, left, cause) -> {
            throw cause;
        }, Clock.fixed(T0, ZoneOffset.UTC));
        ArticleIds ids = new ArticleIds();
        String id = ids.next(T0);
        store.create(new Article(id, Slugs.derive("Embargoed", id), Status.PUBLISHED, "Embargoed", null, "Body", null, null,
                null, List.of(), scheduledAt, T0, T0), null, false, T0);
        ChangesFeed feed = new ChangesFeed(store, new Cursors("a-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC));
        ChangesFeed.Read read = feed.read(ChangesFeed.START, ChangesFeed.MAX_LIMIT);
        assertThat(read.changes()).isEmpty();
        assertThat(read.more()).isFalse();

        assertThat(feed.nextSettled(read.position(), T0.plusSeconds(70)))
                .contains(scheduledAt.plus(ChangesFeed.SETTLE).plusMillis(1));
        assertThat(feed.nextSettled(read.position(), T0.plusSeconds(30))).as("beyond the horizon").isEmpty();
    }
}
