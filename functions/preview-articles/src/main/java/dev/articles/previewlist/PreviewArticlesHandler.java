package dev.articles.previewlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.Editors;
import dev.articles.core.routes.PreviewArticles;
import dev.articles.core.routes.WriteAccess;
import dev.articles.cursorkeys.CursorKeys;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.PreviewArticlesEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** GET /preview/articles. */
public final class PreviewArticlesHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public PreviewArticlesHandler() {
        this(Environment.system());
    }

    PreviewArticlesHandler(Environment env) {
        RequestDeadline deadline = new RequestDeadline();
        PreviewArticlesEndpoint endpoint = new PreviewArticlesEndpoint(new PreviewArticles(
                new DynamoArticleStore(DynamoDbClients.create(env), env.required("TABLE_NAME"), deadline, CleanUpWarnings.stdout(env)),
                CursorKeys.load(env), WriteAccess.of(env), new Editors(env.required("EDITOR_SCOPE"), env.required("EDITOR_GROUP")),
                Clock.systemUTC()));
        function = new HttpFunction(env, endpoint, deadline);
        priming = Priming.previewList(env, endpoint);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
