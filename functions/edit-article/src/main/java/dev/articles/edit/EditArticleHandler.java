package dev.articles.edit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.routes.EditArticle;
import dev.articles.core.routes.Editors;
import dev.articles.core.routes.WriteAccess;
import dev.articles.core.store.ArticleStore;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.EditArticleEndpoint;
import java.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** PATCH /articles/{id}. */
public final class EditArticleHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public EditArticleHandler() {
        this(Environment.system());
    }

    EditArticleHandler(Environment env) {
        DynamoDbClient dynamo = DynamoDbClients.create(env);
        String table = env.required("TABLE_NAME");
        ArticleStore store = new DynamoArticleStore(dynamo, table);
        Editors editors = new Editors(env.required("EDITOR_SCOPE"), env.required("EDITOR_GROUP"));
        EditArticleEndpoint endpoint = new EditArticleEndpoint(
                new EditArticle(store, new DynamoIdempotencyRecords(dynamo, table), WriteAccess.of(env), editors,
                        Clock.systemUTC()));
        function = new HttpFunction(env, endpoint);
        priming = Priming.change(env, endpoint, "PATCH");
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
