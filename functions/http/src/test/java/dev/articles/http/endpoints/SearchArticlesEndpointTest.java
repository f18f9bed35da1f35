package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.SearchArticles;
import dev.articles.core.search.SearchDisabledException;
import dev.articles.core.search.SearchHit;
import dev.articles.core.search.SearchIndex;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search page as JSON: summaries with their highlights, the next cursor, the list's cache header. */
class SearchArticlesEndpointTest {

    static final Cursors CURSORS = new Cursors("search-endpoint-test-key-0123456789".getBytes(StandardCharsets.UTF_8));
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant AT = Instant.parse("2019-04-30T14:05:00Z");
    static final Article HIT = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SA", "crowds-gather", Status.PUBLISHED,
            "Crowds gather", "Opposition supporters marched.", null, "Staff reporter", null, null, List.of("politics"), AT,
            Instant.parse("2026-11-24T18:03:11.482Z"), Instant.parse("2026-11-24T19:40:02.117Z"));

    static HttpRequest get(String query) {
        return new HttpRequest("r", "GET /articles/search", "GET", "/articles/search", query, Map.of(), Map.of(),
                new byte[0], Map.of());
    }

    static SearchArticlesEndpoint endpoint(SearchIndex.Page page) {
        return new SearchArticlesEndpoint(new SearchArticles(request -> page, CURSORS));
    }

    @Test
    void aPageOfSummariesWithTheHighlightsOfTheFieldsThatMatched() throws Exception {
        SearchHit hit = new SearchHit(HIT, Map.of("body", List.of("a &lt;b&gt; <mark>march</mark>"),
                "summary", List.of("supporters <mark>marched</mark>.")));
        HttpResponse response = endpoint(new SearchIndex.Page(List.of(hit), null)).handle(get("q=march"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Cache-Control", "public, max-age=5")
                .containsEntry("Content-Type", "application/json");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
                {"items": [{"id": "01JDQ8Z3V4K9T2X7M5N6P8R0SA", "slug": "crowds-gather", "status": "published",
                  "title": "Crowds gather", "summary": "Opposition supporters marched.", "author": "Staff reporter",
                  "source": null, "sourceUrl": null, "tags": ["politics"], "publishedAt": "2019-04-30T14:05:00Z",
                  "createdAt": "2026-11-24T18:03:11.482Z", "updatedAt": "2026-11-24T19:40:02.117Z",
                  "highlights": {"summary": ["supporters <mark>marched</mark>."], "body": ["a &lt;b&gt; <mark>march</mark>"]}}],
                 "nextCursor": null}
                """));
        // The summary's fields in the list's order, then the highlights in the contract's.
        assertThat(response.body()).contains("\"updatedAt\":\"2026-11-24T19:40:02.117Z\",\"highlights\":{\"summary\"");
    }

    @Test
    void aHitWithNoHighlightHasAnEmptyObjectAndTheNextCursorIsSigned() throws Exception {
        HttpResponse response = endpoint(new SearchIndex.Page(List.of(new SearchHit(HIT, Map.of())), "{\"pit\":null,\"after\":[1]}"))
                .handle(get("q=-sport"));

        JsonNode page = JSON.readTree(response.body());
        assertThat(page.path("items").get(0).path("highlights")).isEqualTo(JSON.readTree("{}"));
        assertThat(page.path("items").get(0).has("body")).isFalse();
        assertThat(page.path("nextCursor").asText()).matches("[A-Za-z0-9_-]+").doesNotContain("pit");
    }

    @Test
    void anUnknownParameterIsRefusedAsOnTheList() {
        assertThatThrownBy(() -> endpoint(new SearchIndex.Page(List.of(), null)).handle(get("q=a&page=2")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(400));
    }

    @Test
    void searchOffIsTheDisabledException() {
        assertThatThrownBy(() -> new SearchArticlesEndpoint(SearchArticles.disabled()).handle(get("q=a")))
                .isInstanceOf(SearchDisabledException.class);
    }
}
