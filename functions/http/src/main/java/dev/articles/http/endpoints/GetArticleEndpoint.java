package dev.articles.http.endpoints;

import dev.articles.core.routes.GetArticle;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;

/** GET /articles/{id}: the article with an ETag for revalidation and a short shared cache lifetime. */
public final class GetArticleEndpoint implements HttpFunction.Endpoint {

    /** A minute keeps CDNs useful, and is the longest a shared cache may serve an edited or deleted article. */
    static final String CACHE_CONTROL = "public, max-age=60";

    private final GetArticle get;

    public GetArticleEndpoint(GetArticle get) {
        this.get = get;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return ArticleResponses.article(request, get.get(request.pathParameter("id").orElse("")), CACHE_CONTROL);
    }
}
