package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The feed's page as JSON: each change's shape, the cache header, and the 1,000,000-byte cap. */
class ChangesEndpointTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Cursors CURSORS = new Cursors("changes-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    /** The after-positions the store was asked for, one per page. */
    final List<String> asked = new ArrayList<>();

    /** A feed over a store whose every page holds {@code changes} (with {@code more} as given). */
    ChangesFeed feedOf(List<Change> changes, boolean more) {
        ArticleStore store = (ArticleStore) Proxy.newProxyInstance(ArticleStore.class.getClassLoader(),
                new Class<?>[] {ArticleStore.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("changes")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    asked.add((String) args[0]);
                    return new ArticleStore.ChangePage(changes, more, changes.isEmpty() ? null : changes.getLast().position());
                });
        return new ChangesFeed(store, CURSORS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Change.Upsert upsert(int n, String body) {
        Instant at = NOW.minusSeconds(600 - n);
        String id = "01JDQ8Z3V4K9T2X7M5N6P8R" + String.format("%03d", n);
        Article article = new Article(id, "article-" + n, Status.PUBLISHED, "Article " + n, null, body, null, null, null,
                List.of(), at, at, at);
        return new Change.Upsert(article, Timestamps.sortable(at) + "#" + id);
    }

    static HttpRequest get(String query) {
        return new HttpRequest("r", "GET /articles/changes", "GET", "/articles/changes", query, Map.of(), Map.of(),
                new byte[0], Map.of());
    }

    static JsonNode json(HttpResponse response) throws Exception {
        return new ObjectMapper().readTree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUpsertCarriesTheWholeArticleAndADeleteItsIdAndTime() throws Exception {
        Change.Upsert upsert = upsert(1, "Body");
        Instant deletedAt = NOW.minusSeconds(30).plusMillis(5);
        Change.Delete delete = new Change.Delete("01JDQ8Z3V4K9T2X7M5N6P8R999", deletedAt,
                Timestamps.sortable(deletedAt) + "#01JDQ8Z3V4K9T2X7M5N6P8R999");
        HttpResponse response = new ChangesEndpoint(feedOf(List.of(upsert, delete), false)).handle(get(""));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Cache-Control", "public, max-age=5")
                .containsEntry("Content-Type", "application/json");
        JsonNode page = json(response);
        assertThat(page.get("changes").get(0).get("type").asText()).isEqualTo("upsert");
        assertThat(page.get("changes").get(0).get("article")).isEqualTo(new ObjectMapper().readTree(ArticleJson.article(upsert.article())));
        assertThat(page.get("changes").get(1)).isEqualTo(new ObjectMapper().readTree(
                "{\"type\":\"delete\",\"id\":\"01JDQ8Z3V4K9T2X7M5N6P8R999\",\"at\":\"2026-12-03T11:59:30.005Z\"}"));
        assertThat(page.get("more").asBoolean()).isFalse();
        assertThat(page.get("cursor").asText()).isNotBlank();
    }

    /** 11 changes of 95 KB bodies cannot fit in 1,000,000 bytes: the page ends early, and the next one starts after it. */
    @Test
    void aPageEndsBeforeTheChangeThatWouldPassOneMillionBytes() throws Exception {
        List<Change> changes = IntStream.rangeClosed(1, 11).mapToObj(n -> (Change) upsert(n, "x".repeat(95_000))).toList();
        ChangesFeed feed = feedOf(changes, false);
        HttpResponse response = new ChangesEndpoint(feed).handle(get("limit=11"));

        JsonNode page = json(response);
        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangesEndpoint.MAX_PAGE_BYTES);
        assertThat(page.get("changes").size()).isEqualTo(10);
        assertThat(page.get("more").asBoolean()).isTrue();
        Change last = changes.get(9);
        assertThat(page.get("cursor").asText()).isEqualTo(feed.cursorAfter(last, NOW));

        new ChangesEndpoint(feed).handle(get("cursor=" + page.get("cursor").asText()));
        assertThat(asked.getLast()).as("the next page starts after the last change included").isEqualTo(last.position());
    }

    /** The budget counts UTF-8 bytes, not characters: bodies of two-byte characters fit half as many. */
    @Test
    void theBudgetCountsBytes() throws Exception {
        List<Change> changes = IntStream.rangeClosed(1, 11).mapToObj(n -> (Change) upsert(n, "é".repeat(95_000))).toList();
        HttpResponse response = new ChangesEndpoint(feedOf(changes, false)).handle(get(""));

        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangesEndpoint.MAX_PAGE_BYTES);
        assertThat(json(response).get("changes").size()).isEqualTo(5);
        assertThat(json(response).get("more").asBoolean()).isTrue();
    }

    @Test
    void aPageThatFitsKeepsTheFeedsCursorAndMore() throws Exception {
        List<Change> changes = IntStream.rangeClosed(1, 10).mapToObj(n -> (Change) upsert(n, "x".repeat(95_000))).toList();
        HttpResponse response = new ChangesEndpoint(feedOf(changes, false)).handle(get(""));

        assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ChangesEndpoint.MAX_PAGE_BYTES);
        assertThat(json(response).get("changes").size()).isEqualTo(10);
        assertThat(json(response).get("more").asBoolean()).isFalse();
    }
}
