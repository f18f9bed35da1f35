package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Timestamps;
import dev.articles.core.store.ArticleStore;
import java.time.Clock;
import java.util.Optional;

/** Fetch one live article: one consistent read; a draft or a scheduled article is not found, like no article. */
public final class GetArticle {

    private final ArticleStore store;
    private final Clock clock;

    /** @param clock what "live" is measured against ({@code Clock.systemUTC()} in a function) */
    public GetArticle(ArticleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** @throws ArticleNotFoundException for an unknown id or an article not live; one not of the id's form is answered without a read */
    public Article get(String id) {
        return (ArticleIds.isValid(id) ? store.get(id) : Optional.<Article>empty())
                .filter(article -> article.isLive(Timestamps.nowMillis(clock)))
                .orElseThrow(() -> new ArticleNotFoundException(id));
    }
}
