package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Slugs;
import dev.articles.core.article.Timestamps;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.StoredArticle;
import java.time.Clock;
import java.util.Optional;

/**
 * Fetch a live article by its slug: its current slug finds it; a slug it had before leads to its current one, so
 * links keep working when a headline changes.
 */
public final class GetArticleBySlug {

    /** What a slug leads to. */
    public sealed interface Found permits Current, Moved {}

    /** The article whose slug it is. */
    public record Current(Article article) implements Found {}

    /** The article took another slug since: a client should go there, and remember it. */
    public record Moved(String slug) implements Found {}

    private final ArticleStore store;
    private final Clock clock;

    /** @param clock what "live" is measured against ({@code Clock.systemUTC()} in a function) */
    public GetArticleBySlug(ArticleStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @throws ArticleNotFoundException for a slug that leads to no live article, or is not of a slug's form (answered
     *                                  without a read)
     */
    public Found get(String slug) {
        Article article = (Slugs.problem(slug) == null ? store.bySlug(slug) : Optional.<StoredArticle>empty())
                .map(StoredArticle::article)
                .filter(a -> a.isLive(Timestamps.nowMillis(clock)))
                .orElseThrow(() -> ArticleNotFoundException.withSlug(slug));
        return article.slug().equals(slug) ? new Current(article) : new Moved(article.slug());
    }
}
