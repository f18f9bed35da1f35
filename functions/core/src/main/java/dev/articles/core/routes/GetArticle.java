package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleJson;
import dev.articles.core.http.ETags;
import dev.articles.core.http.HttpFunction;
import dev.articles.core.http.HttpRequest;
import dev.articles.core.http.HttpResponse;
import dev.articles.core.http.Problem;
import dev.articles.core.http.ProblemException;
import dev.articles.core.store.ArticleStore;
import java.util.Map;
import java.util.Optional;

/** GET /articles/{id}: one GetItem, with an ETag for revalidation and a short shared cache lifetime. */
public final class GetArticle implements HttpFunction.Route {

    /** Articles never change once created; a minute keeps CDNs useful without hiding a deletion for long. */
    static final String CACHE_CONTROL = "public, max-age=60";

    private final ArticleStore store;

    public GetArticle(ArticleStore store) {
        this.store = store;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String id = request.pathParameter("id").orElse("");
        // An id not of the ULID form cannot exist: answered without a read.
        Article article = (ArticleIds.isValid(id) ? store.get(id) : Optional.<Article>empty())
                .orElseThrow(() -> new ProblemException(Problem.Type.NOT_FOUND, "There is no article with id " + id + "."));
        String body = ArticleJson.article(article);
        String etag = ETags.of(body);
        if (request.header("if-none-match").map(inm -> ETags.matches(inm, etag)).orElse(false)) {
            return new HttpResponse(304, Map.of("ETag", etag, "Cache-Control", CACHE_CONTROL), "");
        }
        return HttpResponse.json(200, body).withHeader("ETag", etag).withHeader("Cache-Control", CACHE_CONTROL);
    }
}
