package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.Environment;
import dev.articles.core.InvalidInputException;
import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.search.SearchHit;
import dev.articles.core.search.SearchIndex;
import dev.articles.core.search.SearchQuery;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.StoreUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The port on an in-process HTTP server that answers as OpenSearch does (answers recorded from a 3.9.0 node, with
 * the english analyzer and publishedAt as date, so its sort values are epoch milliseconds, in the test resources):
 * the point-in-time walk, hits and highlights read, and each refusal the engine can give.
 */
class OpenSearchIndexTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PIT = "s828QQEKYXJ0aWNsZXMtMRZCNjZJR3hYQVRKU25FUFNwTHhwQlNRABY0aEQ0YjdJQVE3Mk5kTHlKaW5oY3BBAAAAAAAAAAABFkRLcjRnTW1KU282aDFXUHBRVEYzaUEBFkI2NklHeFhBVEpTbkVQU3BMeHBCU1EAAA==";

    @RegisterExtension
    final EngineStandIn engine = new EngineStandIn();

    private final List<EngineStandIn.Request> seen = engine.requests();
    private final RequestDeadline deadline = new RequestDeadline();
    private OpenSearchIndex index;

    @BeforeEach
    void start() {
        index = OpenSearchIndex.create(engine.client(), new Environment(Map.of()), deadline);
    }

    private static String recorded(String name) {
        try (InputStream in = OpenSearchIndexTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SearchRequest request(int limit, String after) {
        return new SearchRequest(SearchQuery.parse("marched"), ListFilter.ALL, SearchRequest.Sort.RELEVANCE, limit, after);
    }

    private static JsonNode json(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    @Test
    void aFirstPageThatIsTheWholeAnswerClosesItsPointInTime() throws IOException {
        engine.answer("POST /articles/_search/point_in_time", 200, recorded("pit-created.json"));
        engine.answer("POST /_search", 200, recorded("search-response.json"));
        engine.answer("DELETE /_search/point_in_time", 200, "{\"pits\":[{\"successful\":true,\"pit_id\":\"" + PIT + "\"}]}");

        SearchIndex.Page page = index.search(request(20, null));

        assertThat(page.next()).isNull();
        assertThat(page.hits()).hasSize(3);
        assertThat(seen).extracting(s -> s.method() + " " + s.target()).containsExactly(
                "POST /articles/_search/point_in_time?keep_alive=5m", "POST /_search", "DELETE /_search/point_in_time");
        JsonNode search = json(seen.get(1).body());
        assertThat(search.path("pit")).isEqualTo(json("{\"id\":\"" + PIT + "\",\"keep_alive\":\"5m\"}"));
        assertThat(search.path("size").asInt()).isEqualTo(21);
        assertThat(search.has("search_after")).isFalse();
        assertThat(json(seen.get(2).body())).isEqualTo(json("{\"pit_id\":[\"" + PIT + "\"]}"));
    }

    @Test
    void hitsAreSummariesWithTheirHighlightsAsTheEngineEscapedThem() {
        engine.answer("POST /articles/_search/point_in_time", 200, recorded("pit-created.json"));
        engine.answer("POST /_search", 200, recorded("search-response.json"));
        engine.answer("DELETE /_search/point_in_time", 200, "{\"pits\":[]}");

        List<SearchHit> hits = index.search(request(20, null)).hits();

        assertThat(hits).extracting(h -> h.summaryOnly().id()).containsExactly("A3", "A2", "A1");
        assertThat(hits.getFirst().summaryOnly()).isEqualTo(new Article("A3", "a3", Status.PUBLISHED, "Marches elsewhere",
                "Sport news.", null, "Desk", null, null, List.of("world"), Instant.parse("2019-04-29T09:00:00.123456789Z"),
                Instant.parse("2026-11-24T18:05:00.000Z"), Instant.parse("2026-11-24T18:05:00.000Z")));
        assertThat(hits.getFirst().highlights()).isEqualTo(Map.of("title", List.of("<mark>Marches</mark> elsewhere")));
        Article second = hits.get(1).summaryOnly();
        assertThat(second.summary()).isNull();
        assertThat(second.author()).isNull();
        assertThat(second.tags()).isEmpty();
        assertThat(hits.get(2).summaryOnly().publishedAt()).isEqualTo(Instant.parse("2019-04-30T14:05:00Z"));
        // The engine escaped the body's markup; only its <mark> tags are tags.
        assertThat(hits.get(2).highlights()).isEqualTo(Map.of(
                "summary", List.of("Opposition supporters <mark>marched</mark> towards the airbase."),
                "body", List.of("Thousands <mark>marched</mark> past the &lt;b&gt;gates&lt;&#x2F;b&gt; &amp; chanted "
                        + "&quot;change&quot;; the army&#x27;s reply was swift. Later they <mark>march</mark> again.")));
    }

    @Test
    void aPageWithMoreKeepsItsPointInTimeAndTheNextStartsAfterItsLastHit() throws IOException {
        engine.answer("POST /articles/_search/point_in_time", 200, recorded("pit-created.json"));
        engine.answer("POST /_search", 200, recorded("search-response.json"));

        SearchIndex.Page first = index.search(request(2, null));

        assertThat(first.hits()).extracting(h -> h.summaryOnly().id()).containsExactly("A3", "A2");
        assertThat(json(first.next())).isEqualTo(json(
                "{\"pit\":\"" + PIT + "\",\"after\":[0.68069494,1556528400123,\"A2\"]}"));
        assertThat(seen).extracting(EngineStandIn.Request::method).doesNotContain("DELETE");

        seen.clear();
        engine.answer("POST /_search", 200, recorded("search-response.json").replaceFirst("\"hits\":\\[.*]}}$", "\"hits\":[]}}"));
        engine.answer("DELETE /_search/point_in_time", 200, "{\"pits\":[]}");
        SearchIndex.Page last = index.search(request(2, first.next()));

        assertThat(last.hits()).isEmpty();
        assertThat(last.next()).isNull();
        JsonNode search = json(seen.getFirst().body());
        assertThat(search.path("search_after")).isEqualTo(json("[0.68069494,1556528400123,\"A2\"]"));
        assertThat(search.path("pit").path("id").asText()).isEqualTo(PIT);
        assertThat(seen).extracting(EngineStandIn.Request::method).containsExactly("POST", "DELETE");
    }

    @Test
    void aPointInTimeThatExpiredBetweenPagesIsLeftAndTheWalkGoesOnWithoutIt() throws IOException {
        String next = new Position(PIT, List.of(new SortValue("1.0374229", true), new SortValue("1556528400123", true),
                new SortValue("01JDQ8Z3V4K9T2X7M5N6P8R0SB", false))).text();
        engine.answer("POST /_search", 404, recorded("pit-expired.json"));
        engine.answer("POST /articles/_search", 200, recorded("search-response.json").replace("\"pit_id\":\"" + PIT + "\",", ""));

        SearchIndex.Page page = index.search(request(2, next));

        assertThat(seen).extracting(s -> s.method() + " " + s.target()).containsExactly("POST /_search", "POST /articles/_search");
        JsonNode retry = json(seen.get(1).body());
        assertThat(retry.has("pit")).isFalse();
        assertThat(retry.path("search_after")).isEqualTo(json("[1.0374229,1556528400123,\"01JDQ8Z3V4K9T2X7M5N6P8R0SB\"]"));
        assertThat(json(page.next()).path("pit").isNull()).isTrue();

        seen.clear();
        engine.answer("POST /articles/_search", 200, recorded("search-response.json"));
        index.search(request(2, page.next()));
        assertThat(seen).extracting(s -> s.method() + " " + s.target()).containsExactly("POST /articles/_search");
    }

    @Test
    void noIndexYetIsAnEmptyPage() {
        engine.answer("POST /articles/_search/point_in_time", 404, recorded("index-not-found.json"));
        engine.answer("POST /articles/_search", 404, recorded("index-not-found.json"));

        SearchIndex.Page page = index.search(request(20, null));

        assertThat(page.hits()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void anIndexGoneDuringAWalkEndsIt() {
        String next = new Position(null, List.of(new SortValue("1", true), new SortValue("x", false))).text();
        engine.answer("POST /articles/_search", 404, recorded("index-not-found.json"));

        assertThat(index.search(request(20, next))).isEqualTo(new SearchIndex.Page(List.of(), null));
    }

    /** Anyone can open PITs up to the engine's limit (300) with first pages: past it, a walk goes on without one. */
    @Test
    void aPointInTimeRefusedForTooManyOpenIsAWalkWithoutOne() throws IOException {
        for (int refusal : new int[] {429, 400}) {
            seen.clear();
            engine.answer("POST /articles/_search/point_in_time", refusal,
                    recorded("too-many-pits.json").replace("\"status\":429", "\"status\":" + refusal));
            engine.answer("POST /articles/_search", 200, recorded("search-response.json").replace("\"pit_id\":\"" + PIT + "\",", ""));

            SearchIndex.Page page = index.search(request(2, null));

            assertThat(seen).extracting(s -> s.method() + " " + s.target())
                    .containsExactly("POST /articles/_search/point_in_time?keep_alive=" + SearchBody.KEEP_ALIVE, "POST /articles/_search");
            assertThat(json(seen.get(1).body()).has("pit")).isFalse();
            assertThat(page.hits()).hasSize(2);
            assertThat(json(page.next()).path("pit").isNull()).isTrue();
        }
    }

    @Test
    void anEngineThatCannotAnswerIsUnavailable() {
        engine.answer("POST /articles/_search/point_in_time", 503, "{}");
        engine.answer("POST /articles/_search", 503, "{}");

        assertThatThrownBy(() -> index.search(request(20, null))).isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aPositionThisAdapterDidNotWriteIsABadCursor() {
        for (String bad : List.of("", "[]", "{\"pit\":1,\"after\":[1]}", "{\"pit\":null,\"after\":[]}", "{\"pit\":null}",
                "{\"pit\":null,\"after\":[{}]}", "{\"pit\":null,\"after\":[1],\"x\":1}", "{\"pit\":null,\"after\":[1]} 1")) {
            assertThatThrownBy(() -> index.search(request(20, bad))).as(bad)
                    .isInstanceOfSatisfying(InvalidInputException.class, e ->
                            assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.field()).isEqualTo("cursor")));
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void aCallThatCouldOutlastTheRequestIsNotStarted() {
        assertThatThrownBy(() -> deadline.within(OpenSearchIndex.CALL_BOUND.minusMillis(1), () -> index.search(request(20, null))))
                .isInstanceOf(StoreUnavailableException.class).hasMessageContaining("no time left");
        assertThat(seen).isEmpty();
    }

    @Test
    void aPositionRoundTrips() {
        Position position = new Position(PIT, List.of(new SortValue("3.1926587", true), new SortValue("1556633100000", true),
                new SortValue("01JDQ8Z3V4K9T2X7M5N6P8R0SA", false)));
        assertThat(Position.parse(position.text())).isEqualTo(position);
    }
}
