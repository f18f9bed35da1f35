package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.articles.core.Environment;
import dev.articles.core.store.StoreUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against an in-process HTTP server standing in for the engine: what it sends, and how it fails. */
class OpenSearchClientTest {

    private record Seen(String method, String target, Map<String, List<String>> headers, String body) {}

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{\"took\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OpenSearchClient client(String endpoint) {
        return OpenSearchClient.create(new Environment(Map.of(
                OpenSearchClient.ENDPOINT, endpoint,
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret"))).orElseThrow();
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void searchIsOffWithoutAnEndpoint() {
        assertThat(OpenSearchClient.create(new Environment(Map.of()))).isEmpty();
        assertThat(OpenSearchClient.create(new Environment(Map.of(OpenSearchClient.ENDPOINT, "")))).isEmpty();
    }

    @Test
    void sendsTheBodySignedForTheEsServiceInTheFunctionsRegion() {
        OpenSearchClient.Response response = client(endpoint() + "/")
                .send("POST", "/articles/_search?size=2", "{\"query\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.ok()).isTrue();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"took\":1}");
        Seen request = seen.getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.target()).isEqualTo("/articles/_search?size=2");
        assertThat(request.body()).isEqualTo("{\"query\":{}}");
        assertThat(request.headers().get("Content-type")).containsExactly("application/json");
        assertThat(request.headers().get("Authorization").getFirst())
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                .contains("/eu-west-1/es/aws4_request");
        assertThat(request.headers()).containsKey("X-amz-content-sha256");
    }

    @Test
    void bulkBodiesAreNdjson() {
        client(endpoint()).send("POST", "/_bulk", "{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(seen.getFirst().headers().get("Content-type")).containsExactly("application/x-ndjson");
    }

    @Test
    void aClientErrorIsReturnedForTheCallerToRead() {
        status = 404;

        assertThat(client(endpoint()).send("GET", "/articles", null).status()).isEqualTo(404);
    }

    @Test
    void anOverloadedOrFailingEngineIsUnavailable() {
        for (int failing : new int[] {429, 500, 503}) {
            status = failing;
            assertThatThrownBy(() -> client(endpoint()).send("POST", "/articles/_search", new byte[0]))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(Integer.toString(failing));
        }
    }

    @Test
    void anUnreachableEngineIsUnavailable() {
        String gone = endpoint();
        server.stop(0);

        assertThatThrownBy(() -> client(gone).send("GET", "/", null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
