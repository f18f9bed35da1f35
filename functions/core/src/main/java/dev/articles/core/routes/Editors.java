package dev.articles.core.routes;

import dev.articles.core.store.StoredArticle;

/**
 * Who may edit and delete an article where writes are authenticated: the token that created it (its {@code sub}),
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
        if (!caller.authenticated() || caller.sub().equals(article.createdBy())
                || caller.scopes().contains(scope) || caller.groups().contains(group)) {
            return;
        }
        throw new NotAllowedException(article.article().id());
    }
}
