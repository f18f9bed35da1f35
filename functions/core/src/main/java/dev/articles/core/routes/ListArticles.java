package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** List articles: one Query over the index that fits the filters, paged with signed cursors. */
public final class ListArticles {

    /** The query parameters a list takes. */
    public static final Set<String> PARAMETERS = ListParameters.NAMES;

    /** One page of summaries, and the cursor of the next page (null on the last). */
    public record Listing(List<Article> items, String nextCursor) {}

    private final ArticleStore store;
    private final Cursors cursors;

    public ListArticles(ArticleStore store, Cursors cursors) {
        this.store = store;
        this.cursors = cursors;
    }

    /** @throws dev.articles.core.InvalidInputException naming each invalid query parameter */
    public Listing list(Map<String, String> query) {
        ListParameters parameters = ListParameters.parse(query, cursors);
        ArticleStore.Page page = store.list(parameters.filter(), parameters.afterListSk(), parameters.limit());
        String next = page.nextAfterListSk() == null ? null : cursors.encode(parameters.filter(), page.nextAfterListSk());
        return new Listing(page.items(), next);
    }
}
