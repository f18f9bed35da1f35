package dev.articles.apitests.testing;

import dev.articles.core.Environment;
import dev.articles.core.routes.WriteAccess;
import dev.articles.dynalite.TestDatabase;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The environment a function gets from Lambda, pointing at a fresh table of the test database. */
public final class TestEnvironments {

    public static final String CURSOR_KEY = "test-cursor-signing-key-0123456789abcdefghij";
    /** The template's defaults of EditorScope and EditorGroup. */
    public static final String EDITOR_SCOPE = "articles/edit";
    public static final String EDITOR_GROUP = "editors";

    private TestEnvironments() {}

    public static Environment freshTable() {
        TestDatabase db = TestDatabase.shared();
        return of(db.endpoint(), db.newTable());
    }

    public static Environment of(URI endpoint, String table) {
        Map<String, String> vars = new HashMap<>();
        vars.put("TABLE_NAME", table);
        vars.put("DYNAMODB_ENDPOINT", endpoint.toString());
        vars.put("AWS_REGION", "us-east-1");
        vars.put("AWS_ACCESS_KEY_ID", "test");
        vars.put("AWS_SECRET_ACCESS_KEY", "test");
        vars.put("CURSOR_SIGNING_KEY", CURSOR_KEY);
        vars.put("EDITOR_SCOPE", EDITOR_SCOPE);
        vars.put("EDITOR_GROUP", EDITOR_GROUP);
        // As serve without --auth: the tests write without tokens, but those of authentication (AuthenticatedWritesIT).
        vars.put(WriteAccess.VARIABLE, "public");
        return new Environment(vars);
    }

    /** The same table reached through another endpoint (a fault proxy in front of the engine). */
    public static Environment via(Environment env, URI endpoint) {
        Map<String, String> vars = new HashMap<>(env.variables());
        vars.put("DYNAMODB_ENDPOINT", endpoint.toString());
        return new Environment(vars);
    }
}
