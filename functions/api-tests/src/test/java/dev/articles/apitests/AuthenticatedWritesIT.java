package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import dev.articles.core.routes.WriteAccess;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Authorization never fails open: where the deployment authenticates writes, a write that reaches the function
 * without the authorizer's claims (a route left without its authorizer) is 401 and changes nothing; reads stay
 * public. A function whose WRITE_ACCESS is missing assumes authenticated.
 */
class AuthenticatedWritesIT {

    private static final String ARTICLE = "{\"title\":\"Signed\",\"body\":\"b\",\"tags\":[\"auth\"]}";

    @Test
    void writesWithoutClaimsAre401AndChangeNothing() {
        TestApi api = new TestApi(withWriteAccess("authenticated"));
        ApiResponse created = api.call(ApiEvent.create(ARTICLE).claim("sub", "writer-1"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        String etag = created.header("ETag");
        int items = items(api);

        assertUnauthenticated(api.create(ARTICLE));
        assertUnauthenticated(api.call(ApiEvent.create(ARTICLE).header("Idempotency-Key", "k-1")));
        assertUnauthenticated(api.call(ApiEvent.edit(id, "{\"title\":\"Changed\"}").header("If-Match", etag)));
        assertUnauthenticated(api.call(ApiEvent.edit(id, "{\"title\":\"Changed\"}").header("If-Match", "*")));
        assertUnauthenticated(api.call(ApiEvent.delete(id).header("If-Match", etag)));
        // Before anything about the request's form: its media type, its body, its If-Match.
        assertUnauthenticated(api.call(ApiEvent.create("not json").header("content-type", "text/plain")));
        assertUnauthenticated(api.call(ApiEvent.edit(id, "{\"title\":\"\"}")));
        assertUnauthenticated(api.call(ApiEvent.delete("not-an-id")));
        // Claims without a subject are no token either.
        assertUnauthenticated(api.call(ApiEvent.delete(id).header("If-Match", "*").claim("scope", "articles/edit")));

        assertThat(items(api)).as("nothing written: no article, no key, no entry").isEqualTo(items);
        ApiResponse fetched = api.get(id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.header("ETag")).isEqualTo(etag);
        assertThat(api.list("tag=auth").json().get("items")).hasSize(1);
        // The token that created it still may.
        assertThat(api.call(ApiEvent.edit(id, "{\"title\":\"Changed\"}").header("If-Match", etag).claim("sub", "writer-1"))
                .status()).isEqualTo(200);
    }

    /** Previews are protected exactly as writes: a token, and of the article's creator or an editor. */
    @Test
    void previewsNeedTheCreatorsOrAnEditorsToken() {
        TestApi api = new TestApi(withWriteAccess("authenticated"));
        ApiResponse created = api.call(ApiEvent.create(ARTICLE.replace("{", "{\"status\":\"draft\",")).claim("sub", "writer-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();

        assertUnauthenticated(api.call(ApiEvent.preview(id)));
        assertUnauthenticated(api.call(ApiEvent.preview("not-an-id")));
        assertUnauthenticated(api.call(ApiEvent.previewList("limit=5")));
        assertUnauthenticated(api.call(ApiEvent.previewList("limit=5").claim("scope", "articles/edit")));

        ApiResponse other = api.call(ApiEvent.preview(id).claim("sub", "writer-2"));
        assertThat(other.status()).as(other.body()).isEqualTo(403);
        other.assertProblemDetails();
        assertThat(api.call(ApiEvent.previewList("limit=5").claim("sub", "writer-2")).json().get("items")).isEmpty();

        ApiResponse own = api.call(ApiEvent.preview(id).claim("sub", "writer-1"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.header("ETag")).isEqualTo(created.header("ETag"));
        assertThat(own.header("Cache-Control")).isEqualTo("private, no-store");
        assertThat(api.call(ApiEvent.previewList("limit=5").claim("sub", "writer-1")).json().get("items")).hasSize(1);
        assertThat(api.call(ApiEvent.preview(id).claim("sub", "editor-1").claim("scope", "articles/edit")).status()).isEqualTo(200);
        assertThat(api.call(ApiEvent.previewList("status=draft").claim("sub", "editor-1").claim("cognito:groups", "[editors]"))
                .json().get("items")).hasSize(1);
        // The public routes know nothing of a draft.
        assertThat(api.get(id).status()).isEqualTo(404);
    }

    @Test
    void aFunctionWithoutWriteAccessSetFailsClosed() {
        TestApi api = new TestApi(withWriteAccess(null));

        assertUnauthenticated(api.create(ARTICLE));
        assertThat(items(api)).isZero();
        assertThat(api.list("limit=5").status()).isEqualTo(200);
    }

    @Test
    void publicWritesStayOpen() {
        TestApi api = new TestApi(withWriteAccess("public"));
        ApiResponse created = api.create(ARTICLE);
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();

        assertThat(api.call(ApiEvent.edit(id, "{\"title\":\"Open\"}").header("If-Match", "*")).status()).isEqualTo(200);
        assertThat(api.call(ApiEvent.delete(id).header("If-Match", "*")).status()).isEqualTo(204);
    }

    private static void assertUnauthenticated(ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        response.assertProblemDetails();
        assertThat(response.json().get("type").asText()).isEqualTo("urn:articles:problem:unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private static Environment withWriteAccess(String value) {
        Map<String, String> vars = new HashMap<>(TestEnvironments.freshTable().variables());
        vars.remove(WriteAccess.VARIABLE);
        if (value != null) {
            vars.put(WriteAccess.VARIABLE, value);
        }
        return new Environment(vars);
    }

    private static int items(TestApi api) {
        return api.dynamo().scan(r -> r.tableName(api.table())).count();
    }
}
