package dev.articles.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.EventFile;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.SearchArticles;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.SearchArticlesEndpoint;
import dev.articles.opensearch.OpenSearchClient;
import dev.articles.opensearch.OpenSearchIndex;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployed handler fed real API Gateway events: with search off (SEARCH_ENDPOINT empty) every one is a 501; with
 * it on, against an in-process stand-in answering as OpenSearch does, the module's cases answer as named.
 */
class SearchArticlesHandlerTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PIT = "o463QQEIYXJ0aWNsZXMWSU5FeDJPV3BSYmFKVlpTOWNGVUFxQQAWcWZ2SlNwQWVTNG1ISk9HX2dmQVNHUQAAAAAAAAAAAhZ3OWZuVmNOTlFjLUFHeDVmT0NXdmVBAQhhcnRpY2xlcxZJTkV4Mk9XcFJiYUpWWlM5Y0ZVQXFBAAA=";

    static Stream<EventFile> events() {
        return EventFile.cases();
    }

    static String hit(int n) {
        String id = "01JDQ8Z3V4K9T2X7M5N6P8R0S" + n;
        return """
                {"_index":"articles-1","_id":"%1$s","_score":%2$d.5,"_source":{"id":"%1$s","slug":"march-%2$d",\
                "title":"March %2$d","summary":null,"author":"Staff reporter","source":null,"sourceUrl":null,\
                "tags":["politics"],"publishedAt":"2019-04-30T14:05:00Z","createdAt":"2026-11-24T18:03:11.482Z",\
                "updatedAt":"2026-11-24T18:03:11.482Z"},"highlight":{"title":["<mark>March</mark> %2$d"]},\
                "sort":[%2$d.5,1556633100000,"%1$s"]}""".formatted(id, n);
    }

    private final List<String> searches = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private HttpServer engine;

    @BeforeEach
    void startEngine() throws IOException {
        engine = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        engine.createContext("/", exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(route);
            String answer = switch (route) {
                case "POST /articles/_search/point_in_time" -> "{\"pit_id\":\"" + PIT + "\",\"_shards\":{\"total\":1,"
                        + "\"successful\":1,\"skipped\":0,\"failed\":0},\"creation_time\":1764781234567}";
                case "POST /_search" -> {
                    searches.add(body);
                    yield "{\"pit_id\":\"" + PIT + "\",\"took\":2,\"timed_out\":false,\"_shards\":{\"total\":1,"
                            + "\"successful\":1,\"skipped\":0,\"failed\":0},\"hits\":{\"max_score\":null,\"hits\":["
                            + hit(9) + "," + hit(8) + "," + hit(7) + "]}}";
                }
                case "DELETE /_search/point_in_time" -> "{\"pits\":[{\"successful\":true,\"pit_id\":\"" + PIT + "\"}]}";
                default -> null;
            };
            byte[] bytes = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null ? 400 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        engine.start();
    }

    @AfterEach
    void stopEngine() {
        engine.stop(0);
    }

    SearchArticlesHandler searchOn() {
        return new SearchArticlesHandler(searchOnEnvironment());
    }

    Environment searchOnEnvironment() {
        return new Environment(Map.of(
                "SEARCH_ENDPOINT", "http://127.0.0.1:" + engine.getAddress().getPort(),
                "CURSOR_SIGNING_KEY", "search-handler-test-key-0123456789",
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"));
    }

    @Test
    void primingSearchesOnceOnAPointInTime() {
        Environment env = searchOnEnvironment();
        SearchArticles search = new SearchArticles(OpenSearchIndex.create(OpenSearchClient.create(env).orElseThrow(), env, new RequestDeadline()),
                new Cursors(env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8)));
        Priming.search(env, new SearchArticlesEndpoint(search)).beforeCheckpoint(null);

        // The stand-in matches more than the one hit asked for, so the point in time stays open for a next page.
        assertThat(calls).containsExactly("POST /articles/_search/point_in_time", "POST /_search");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void withSearchOnAnswersEachEvent(EventFile event) throws IOException {
        ApiResponse response = event.sendTo(searchOn()::handleRequest);
        if (response.status() == 200) {
            assertThat(response.header("Cache-Control")).isEqualTo("public, max-age=5");
            assertThat(response.json().get("items").get(0).get("highlights").get("title").get(0).asText())
                    .isEqualTo("<mark>March</mark> 9");
            // The engine got q as text of a multi_match, never as query syntax.
            JsonNode query = JSON.readTree(searches.getLast()).get("query");
            assertThat(query.toString()).doesNotContain("query_string").doesNotContain("regexp").doesNotContain("wildcard");
        } else {
            assertThat(searches).isEmpty();
        }
    }

    @Test
    void theHostileQReachesTheEngineAsText() throws IOException {
        EventFile.cases().filter(e -> e.name().equals("200-hostile-q.json")).findFirst().orElseThrow()
                .sendTo(searchOn()::handleRequest);

        JsonNode must = JSON.readTree(searches.getLast()).get("query").get("bool").get("must");
        List<String> texts = new ArrayList<>();
        must.forEach(clause -> texts.add(clause.get("multi_match").get("query").asText()));
        assertThat(texts).containsExactly("title:x", "*", "~", "/.*/", "\\", "\"}");
    }

    @Test
    void theNextCursorContinuesTheWalkAndAnAlteredOneIs400() {
        SearchArticlesHandler handler = searchOn();
        EventFile first = EventFile.cases().filter(e -> e.name().startsWith("200-words")).findFirst().orElseThrow();
        String cursor = first.sendTo(handler::handleRequest).json().get("nextCursor").asText();

        String next = new String(first.json(), StandardCharsets.UTF_8).replace("limit=2", "limit=2&cursor=" + cursor);
        new EventFile("next page", next.getBytes(StandardCharsets.UTF_8), 200).sendTo(handler::handleRequest);
        assertThat(searches.getLast()).contains("\"search_after\":[8.5,1556633100000,\"01JDQ8Z3V4K9T2X7M5N6P8R0S8\"]");

        String altered = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A");
        String tampered = new String(first.json(), StandardCharsets.UTF_8).replace("limit=2", "limit=2&cursor=" + altered);
        ApiResponse refused = new EventFile("altered cursor", tampered.getBytes(StandardCharsets.UTF_8), 400).sendTo(handler::handleRequest);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("cursor");

        String otherQuery = next.replace("-sport", "-football");
        new EventFile("cursor of another q", otherQuery.getBytes(StandardCharsets.UTF_8), 400).sendTo(handler::handleRequest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void withSearchOffEveryRequestIs501SayingHowToTurnItOn(EventFile event) {
        SearchArticlesHandler off = new SearchArticlesHandler(new Environment(Map.of("SEARCH_ENDPOINT", "")));
        ApiResponse response = new EventFile(event.name(), event.json(), 501).sendTo(off::handleRequest);

        assertThat(response.json().get("type").asText()).isEqualTo("urn:articles:problem:search-disabled");
        assertThat(response.json().get("detail").asText()).contains("Search=enabled");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }
}
