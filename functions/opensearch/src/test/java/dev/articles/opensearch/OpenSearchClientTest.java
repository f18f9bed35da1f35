package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.Environment;
import dev.articles.core.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The client against an in-process HTTP server standing in for the engine: what it sends, and how it fails. */
class OpenSearchClientTest {

    private static final String TOOK = "{\"took\":1}";

    @RegisterExtension
    final EngineStandIn engine = new EngineStandIn().byDefault(200, TOOK);

    private final List<EngineStandIn.Request> seen = engine.requests();

    @Test
    void searchIsOffWithoutAnEndpoint() {
        assertThat(OpenSearchClient.create(new Environment(Map.of()))).isEmpty();
        assertThat(OpenSearchClient.create(new Environment(Map.of(OpenSearchClient.ENDPOINT, "")))).isEmpty();
    }

    @Test
    void sendsTheBodySignedForTheEsServiceInTheFunctionsRegion() {
        OpenSearchClient.Response response = EngineStandIn.client(engine.endpoint() + "/")
                .send("POST", "/articles/_search?size=2", "{\"query\":{}}".getBytes(StandardCharsets.UTF_8));

        assertThat(response.ok()).isTrue();
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(TOOK);
        EngineStandIn.Request request = seen.getFirst();
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
        engine.client().send("POST", "/_bulk", "{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(seen.getFirst().headers().get("Content-type")).containsExactly("application/x-ndjson");
    }

    @Test
    void aClientErrorIsReturnedForTheCallerToRead() {
        engine.answer("GET /articles", 404, TOOK);

        assertThat(engine.client().send("GET", "/articles", null).status()).isEqualTo(404);
    }

    @Test
    void anOverloadedOrFailingEngineIsUnavailable() {
        for (int failing : new int[] {429, 500, 503}) {
            engine.answer("POST /articles/_search", failing, TOOK);
            assertThatThrownBy(() -> engine.client().send("POST", "/articles/_search", new byte[0]))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(Integer.toString(failing));
        }
    }

    @Test
    void anUnreachableEngineIsUnavailable() {
        OpenSearchClient client = engine.client();
        engine.stop();

        assertThatThrownBy(() -> client.send("GET", "/", null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("unreachable");
    }
}
