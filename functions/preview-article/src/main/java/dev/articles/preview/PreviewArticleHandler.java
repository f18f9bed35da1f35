package dev.articles.preview;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.Editors;
import dev.articles.core.routes.PreviewArticle;
import dev.articles.core.routes.WriteAccess;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.PreviewArticleEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** GET /preview/articles/{id}. */
public final class PreviewArticleHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public PreviewArticleHandler() {
        this(Environment.system());
    }

    PreviewArticleHandler(Environment env) {
        RequestDeadline deadline = new RequestDeadline();
        PreviewArticleEndpoint endpoint = new PreviewArticleEndpoint(new PreviewArticle(
                new DynamoArticleStore(DynamoDbClients.create(env), env.required("TABLE_NAME"), deadline, CleanUpWarnings.stdout(env)),
                WriteAccess.of(env), new Editors(env.required("EDITOR_SCOPE"), env.required("EDITOR_GROUP"))));
        function = new HttpFunction(env, endpoint, deadline);
        priming = Priming.previewFetch(env, endpoint);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
