package dev.articles.http.endpoints;

import dev.articles.core.routes.PreviewArticle;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;

/**
 * GET /preview/articles/{id}: the fetch's answer for any article that exists (draft, scheduled or live), to its
 * creator and editors, with the ETag an edit's If-Match needs; never kept by a cache.
 */
public final class PreviewArticleEndpoint implements HttpFunction.Endpoint {

    private final PreviewArticle preview;

    public PreviewArticleEndpoint(PreviewArticle preview) {
        this.preview = preview;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return ArticleResponses.article(request,
                preview.get(request.pathParameter("id").orElse(""), Callers.of(request)), ArticleResponses.PRIVATE);
    }
}
