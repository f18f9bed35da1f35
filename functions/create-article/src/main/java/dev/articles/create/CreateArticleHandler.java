package dev.articles.create;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.CreateArticle;
import dev.articles.core.routes.WriteAccess;
import dev.articles.core.store.ArticleStore;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.CreateArticleEndpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** POST /articles. */
public final class CreateArticleHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public CreateArticleHandler() {
        this(Environment.system());
    }

    CreateArticleHandler(Environment env) {
        DynamoDbClient dynamo = DynamoDbClients.create(env);
        String table = env.required("TABLE_NAME");
        // Every DynamoDB call of a request ends in time for its answer: 503, never a Lambda timeout.
        RequestDeadline deadline = new RequestDeadline();
        ArticleStore store = new DynamoArticleStore(dynamo, table, deadline, CleanUpWarnings.stdout(env));
        CreateArticleEndpoint endpoint = new CreateArticleEndpoint(new CreateArticle(store,
                new DynamoIdempotencyRecords(dynamo, table, deadline), WriteAccess.of(env), Clock.systemUTC()));
        function = new HttpFunction(env, endpoint, deadline);
        priming = Priming.create(env, endpoint, () -> store.get(Priming.ABSENT_ID));
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
