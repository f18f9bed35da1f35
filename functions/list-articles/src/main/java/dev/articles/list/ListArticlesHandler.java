package dev.articles.list;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.http.HttpFunction;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.ListArticles;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.DynamoDbClients;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** GET /articles. */
public final class ListArticlesHandler implements RequestStreamHandler {

    private final HttpFunction function;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public ListArticlesHandler() {
        this(Environment.system());
    }

    ListArticlesHandler(Environment env) {
        ArticleStore store = new ArticleStore(DynamoDbClients.create(env), env.required("TABLE_NAME"));
        Cursors cursors = new Cursors(env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8));
        function = new HttpFunction(env, new ListArticles(store, cursors));
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
