package dev.articles.http.endpoints;

import dev.articles.core.routes.GetArticleBySlug;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import java.util.Map;

/**
 * GET /articles/by-slug/{slug}: the live article whose slug it is, as a fetch answers it; a slug the article had
 * before: 301 to its current one. The redirect is cached as long as a fetch, so a slug that changes again, or that
 * another article takes, is followed to its new place within a minute.
 */
public final class GetArticleBySlugEndpoint implements HttpFunction.Endpoint {

    /** Where the article of a slug is; slugs are of a-z, 0-9 and '-' only, so nothing needs escaping. */
    static final String PATH = "/articles/by-slug/";

    private final GetArticleBySlug bySlug;

    public GetArticleBySlugEndpoint(GetArticleBySlug bySlug) {
        this.bySlug = bySlug;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return switch (bySlug.get(request.pathParameter("slug").orElse(""))) {
            case GetArticleBySlug.Current current ->
                    ArticleResponses.article(request, current.article(), GetArticleEndpoint.CACHE_CONTROL);
            case GetArticleBySlug.Moved moved -> new HttpResponse(301,
                    Map.of("Location", PATH + moved.slug(), "Cache-Control", GetArticleEndpoint.CACHE_CONTROL), "");
        };
    }
}
