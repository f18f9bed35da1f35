package dev.articles.http.endpoints;

import dev.articles.core.routes.Caller;
import dev.articles.core.routes.PreviewArticles;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.QueryParameters;

/**
 * GET /preview/articles: the list's answer over every article that exists, filtered by {@code status} too; a
 * reporter's holds the articles they created, an editor's all. Never kept by a cache.
 */
public final class PreviewArticlesEndpoint implements HttpFunction.Endpoint {

    private final PreviewArticles preview;

    public PreviewArticlesEndpoint(PreviewArticles preview) {
        this.preview = preview;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        // Who asks first: a caller without a token learns that before anything about the query.
        Caller caller = preview.admit(Callers.of(request));
        return ArticleResponses.page(preview.list(QueryParameters.parse(request.rawQueryString(), PreviewArticles.PARAMETERS),
                caller), ArticleResponses.PRIVATE);
    }
}
