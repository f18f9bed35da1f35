package dev.articles.http.endpoints;

import dev.articles.core.routes.ListArticles;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.QueryParameters;

/** GET /articles: the query string in, a page of summaries with the next page's cursor out. */
public final class ListArticlesEndpoint implements HttpFunction.Endpoint {

    /** Lists change with every create; a few seconds still spare the table a burst of identical requests. */
    static final String CACHE_CONTROL = "public, max-age=5";

    private final ListArticles list;

    public ListArticlesEndpoint(ListArticles list) {
        this.list = list;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return ArticleResponses.page(list.list(QueryParameters.parse(request.rawQueryString(), ListArticles.PARAMETERS)),
                CACHE_CONTROL);
    }
}
