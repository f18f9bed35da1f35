package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.StoredArticle;
import java.util.Optional;

/**
 * What the newsroom sees of one article, draft, scheduled or live: the fetch's answer, for its creator and editors
 * only, protected as writes are.
 */
public final class PreviewArticle {

    private final ArticleStore store;
    private final WriteAccess access;
    private final Editors editors;

    public PreviewArticle(ArticleStore store, WriteAccess access, Editors editors) {
        this.store = store;
        this.access = access;
        this.editors = editors;
    }

    /**
     * @throws UnauthenticatedException    where writes are authenticated and the caller holds no token
     * @throws ArticleNotFoundException    for an unknown id
     * @throws dev.articles.core.store.ArticleDeletedException for a deleted article
     * @throws NotAllowedException         for a caller who is neither the creator nor an editor
     */
    public Article get(String id, Caller caller) {
        access.admit(caller);
        return (ArticleIds.isValid(id) ? store.read(id) : Optional.<StoredArticle>empty())
                .map(stored -> {
                    editors.check(caller, stored);
                    return stored.article();
                })
                .orElseThrow(() -> new ArticleNotFoundException(id));
    }
}
