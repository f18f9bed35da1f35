package dev.articles.core.routes;

import dev.articles.core.FieldError;
import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** List live articles: one Query over the index that fits the filters, bounded at now, paged with signed cursors. */
public final class ListArticles {

    /** The query parameters a list takes. */
    public static final Set<String> PARAMETERS = ListParameters.NAMES;

    /** One page of summaries, and the cursor of the next page (null on the last). */
    public record Listing(List<Article> items, String nextCursor) {}

    private final ArticleStore store;
    private final Cursors cursors;
    private final Clock clock;

    /** @param clock what "live" is measured against ({@code Clock.systemUTC()} in a function) */
    public ListArticles(ArticleStore store, Cursors cursors, Clock clock) {
        this.store = store;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** @throws dev.articles.core.InvalidInputException naming each invalid query parameter */
    public Listing list(Map<String, String> query) {
        List<FieldError> errors = new ArrayList<>();
        ListParameters parameters = ListParameters.parse(query, errors);
        if (!errors.isEmpty()) {
            throw ListParameters.invalid(errors);
        }
        ArticleStore.Page page = store.list(parameters.filter(), parameters.afterListSk(cursors, parameters.filter()),
                parameters.limit(), Timestamps.nowMillis(clock));
        String next = page.nextAfterListSk() == null ? null : cursors.encode(parameters.filter(), page.nextAfterListSk());
        return new Listing(page.items(), next);
    }
}
