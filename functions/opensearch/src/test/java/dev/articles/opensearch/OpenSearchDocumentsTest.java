package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.articles.core.Environment;
import dev.articles.core.search.SearchIndexingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The requests the indexer's side sends, against an in-process server answering as the engine does. */
class OpenSearchDocumentsTest {

    private record Answer(int status, String body) {}

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private OpenSearchDocuments documents;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            seen.add(request + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Answer answer = answers.getOrDefault(request, new Answer(200, "{\"acknowledged\":true}"));
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        OpenSearchClient client = OpenSearchClient.create(new Environment(Map.of(
                OpenSearchClient.ENDPOINT, "http://127.0.0.1:" + server.getAddress().getPort(),
                "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "secret"))).orElseThrow();
        documents = new OpenSearchDocuments(client, OpenSearchClient.index(new Environment(Map.of())));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aNewIndexIsCreatedWithTheMappingOnceAndNamedAfterTheAliasAndItsTime() {
        String index = documents.newIndex(Instant.parse("2026-12-03T17:04:01.123Z"));
        assertThat(index).isEqualTo("articles-20261203-170401-123");
        assertThat(documents.create(index)).isTrue();
        assertThat(seen.getFirst()).startsWith("PUT /" + index + " {").contains("\"english\"", "\"gc_deletes\"");
        answers.put("PUT /" + index, new Answer(400,
                "{\"error\":{\"type\":\"resource_already_exists_exception\",\"reason\":\"index [" + index + "] already exists\"},\"status\":400}"));
        assertThat(documents.create(index)).isFalse();
        answers.put("PUT /" + index, new Answer(400, "{\"error\":{\"type\":\"mapper_parsing_exception\"},\"status\":400}"));
        assertThatThrownBy(() -> documents.create(index)).isInstanceOf(SearchIndexingException.class);
    }

    @Test
    void publishingMovesTheAliasAndDropsWhatItPointedAtInOneRequest() {
        answers.put("GET /articles/_alias", new Answer(200, "{\"articles-old\":{\"aliases\":{\"articles\":{}}}}"));
        documents.publish("articles-new");
        assertThat(seen).last().isEqualTo("POST /_aliases {\"actions\":[{\"add\":{\"index\":\"articles-new\",\"alias\":\"articles\"}},"
                + "{\"remove_index\":{\"index\":\"articles-old\"}}]}");

        seen.clear();
        answers.put("GET /articles/_alias", new Answer(404, "{\"error\":\"alias [articles] missing\",\"status\":404}"));
        documents.publish("articles-new");
        assertThat(seen).last().isEqualTo("POST /_aliases {\"actions\":[{\"add\":{\"index\":\"articles-new\",\"alias\":\"articles\"}}]}");

        seen.clear();
        answers.put("GET /articles/_alias", new Answer(200, "{\"articles-new\":{\"aliases\":{\"articles\":{}}}}"));
        documents.publish("articles-new");
        assertThat(seen).as("already there: nothing to do").hasSize(1);
    }

    @Test
    void writesGoThroughTheAliasWhichMustBeOneOrIntoTheIndexBeingBuilt() {
        answers.put("POST /articles/_bulk?require_alias=true", new Answer(200, "{\"errors\":false,\"items\":[]}"));
        answers.put("POST /articles-new/_bulk", new Answer(200, "{\"errors\":false,\"items\":[]}"));
        documents.apply(BulkTest.PAGE);
        documents.applyTo("articles-new", BulkTest.PAGE);
        documents.apply(List.of());
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).startsWith("POST /articles/_bulk?require_alias=true {\"index\":");
        assertThat(seen.get(1)).startsWith("POST /articles-new/_bulk {\"index\":");
    }

    @Test
    void theAliasExistsUnlessTheEngineSaysNotFound() {
        assertThat(documents.exists()).isTrue();
        answers.put("HEAD /articles", new Answer(404, ""));
        assertThat(documents.exists()).isFalse();
        assertThat(seen).containsExactly("HEAD /articles ", "HEAD /articles ");
    }

    @Test
    void droppingAnIndexThatIsGoneIsDone() {
        answers.put("DELETE /articles-gone", new Answer(404, "{\"error\":{\"type\":\"index_not_found_exception\"},\"status\":404}"));
        documents.drop("articles-gone");
        assertThat(seen).containsExactly("DELETE /articles-gone ");
    }
}
