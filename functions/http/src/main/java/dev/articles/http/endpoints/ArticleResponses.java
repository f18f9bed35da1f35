package dev.articles.http.endpoints;

import dev.articles.core.article.Article;
import dev.articles.core.routes.ListArticles;
import dev.articles.http.ETags;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import java.util.Map;

/** The answers every read route gives, public or preview: they differ only in how long a cache may keep them. */
final class ArticleResponses {

    /** Preview answers are the newsroom's: no shared cache may keep them, and no browser either. */
    static final String PRIVATE = "private, no-store";

    private ArticleResponses() {}

    /** The article with its ETag, or 304 when the request's If-None-Match names that ETag. */
    static HttpResponse article(HttpRequest request, Article article, String cacheControl) {
        String body = ArticleJson.article(article);
        String etag = ETags.of(body);
        if (request.header("if-none-match").map(inm -> ETags.matches(inm, etag)).orElse(false)) {
            return new HttpResponse(304, Map.of("ETag", etag, "Cache-Control", cacheControl), "");
        }
        return HttpResponse.json(200, body).withHeader("ETag", etag).withHeader("Cache-Control", cacheControl);
    }

    /** A page of summaries and the next page's cursor. */
    static HttpResponse page(ListArticles.Listing listing, String cacheControl) {
        return HttpResponse.json(200, ArticleJson.page(listing.items(), listing.nextCursor()))
                .withHeader("Cache-Control", cacheControl);
    }
}
