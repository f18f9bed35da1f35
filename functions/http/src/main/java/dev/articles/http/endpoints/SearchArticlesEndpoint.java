package dev.articles.http.endpoints;

import dev.articles.core.routes.SearchArticles;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.QueryParameters;

/** GET /articles/search: the query string in, {@code {"items": [SearchHit, …], "nextCursor": …}} out. */
public final class SearchArticlesEndpoint implements HttpFunction.Endpoint {

    private final SearchArticles search;

    public SearchArticlesEndpoint(SearchArticles search) {
        this.search = search;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        SearchArticles.Results results = search.search(QueryParameters.parse(request.rawQueryString(), SearchArticles.PARAMETERS));
        // Public and briefly cacheable as the list: the index follows the table within seconds anyway.
        return HttpResponse.json(200, ArticleJson.searchPage(results.items(), results.nextCursor()))
                .withHeader("Cache-Control", ListArticlesEndpoint.CACHE_CONTROL);
    }
}
