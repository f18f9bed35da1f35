package dev.articles.core.routes;

import dev.articles.core.article.ArticleJson;
import dev.articles.core.http.HttpFunction;
import dev.articles.core.http.HttpRequest;
import dev.articles.core.http.HttpResponse;
import dev.articles.core.http.QueryParameters;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;

/** GET /articles: one Query over the index that fits the filters, paged with signed cursors. */
public final class ListArticles implements HttpFunction.Route {

    /** Lists change with every create; a few seconds still spare the table a burst of identical requests. */
    static final String CACHE_CONTROL = "public, max-age=5";

    private final ArticleStore store;
    private final Cursors cursors;

    public ListArticles(ArticleStore store, Cursors cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ListParameters parameters = ListParameters.parse(
                QueryParameters.parse(request.rawQueryString(), ListParameters.NAMES), cursors);
        ArticleStore.Page page = store.list(parameters.filter(), parameters.afterListSk(), parameters.limit());
        String next = page.nextAfterListSk() == null ? null : cursors.encode(parameters.filter(), page.nextAfterListSk());
        return HttpResponse.json(200, ArticleJson.page(page.items(), next)).withHeader("Cache-Control", CACHE_CONTROL);
    }
}
