package dev.articles.changes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.paging.Cursors;
import dev.articles.cursorkeys.CursorKeys;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.ChangesEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/** GET /articles/changes. */
public final class GetChangesHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public GetChangesHandler() {
        this(Environment.system());
    }

    GetChangesHandler(Environment env) {
        Cursors cursors = CursorKeys.load(env);
        RequestDeadline deadline = new RequestDeadline();
        ChangesEndpoint endpoint = new ChangesEndpoint(new ChangesFeed(
                new DynamoArticleStore(DynamoDbClients.create(env), env.required("TABLE_NAME"), deadline, CleanUpWarnings.stdout(env)),
                cursors, Clock.systemUTC()));
        function = new HttpFunction(env, endpoint, deadline);
        priming = Priming.changes(env, endpoint);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
