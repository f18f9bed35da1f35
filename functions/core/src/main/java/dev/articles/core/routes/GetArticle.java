package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.store.ArticleStore;
import java.util.Optional;

/** Fetch one article: one consistent read. */
public final class GetArticle {

    private final ArticleStore store;

    public GetArticle(ArticleStore store) {
        this.store = store;
    }

    /** @throws ArticleNotFoundException for an unknown id; one not of the id's form is answered without a read */
    public Article get(String id) {
        return (ArticleIds.isValid(id) ? store.get(id) : Optional.<Article>empty())
                .orElseThrow(() -> new ArticleNotFoundException(id));
    }
}
