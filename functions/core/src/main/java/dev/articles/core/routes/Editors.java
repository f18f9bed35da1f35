package dev.articles.core.routes;

import dev.articles.core.store.StoredArticle;

/**
 * Who may edit, delete and preview an article where writes are authenticated: the token that created it (its {@code sub}),
 * and editors, whose token holds the deployment's editor scope or is in its editor group.
 *
 * @param scope the template parameter EditorScope (e.g. {@code articles/edit})
 * @param group the template parameter EditorGroup (e.g. {@code editors})
 */
public record Editors(String scope, String group) {

    /**
     * A caller without a token gets here only where writes are public ({@link WriteAccess} is checked first):
     * there anyone may change anything.
     *
     * @throws NotAllowedException when {@code caller} may not change {@code article}: nothing is changed
     */
    void check(Caller caller, StoredArticle article) {
        if (seesAll(caller) || caller.sub().equals(article.createdBy())) {
            return;
        }
        throw new NotAllowedException(article.article().id());
    }

    /** Whether {@code caller} may change (and preview) every article, not only the ones they created. */
    boolean seesAll(Caller caller) {
        return !caller.authenticated() || caller.scopes().contains(scope) || caller.groups().contains(group);
    }
}
