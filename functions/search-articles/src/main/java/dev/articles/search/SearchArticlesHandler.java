package dev.articles.search;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.SearchArticles;
import dev.articles.cursorkeys.CursorKeys;
import dev.articles.http.HttpFunction;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.SearchArticlesEndpoint;
import dev.articles.opensearch.OpenSearchClient;
import dev.articles.opensearch.OpenSearchIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * GET /articles/search. Deployed whether search is on or off: off ({@code SEARCH_ENDPOINT} empty), it answers 501
 * saying how to turn search on, and without the route the path would reach GET /articles/{id}.
 */
public final class SearchArticlesHandler implements RequestStreamHandler {

    private final HttpFunction function;
    /** SnapStart priming, held here so its checkpoint hook lives as long as the handler. */
    private final Priming priming;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public SearchArticlesHandler() {
        this(Environment.system());
    }

    SearchArticlesHandler(Environment env) {
        RequestDeadline deadline = new RequestDeadline();
        SearchArticles search = OpenSearchClient.create(env)
                .map(client -> new SearchArticles(OpenSearchIndex.create(client, env, deadline), CursorKeys.load(env)))
                .orElseGet(SearchArticles::disabled);
        SearchArticlesEndpoint endpoint = new SearchArticlesEndpoint(search);
        function = new HttpFunction(env, endpoint, deadline);
        priming = Priming.search(env, endpoint);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
