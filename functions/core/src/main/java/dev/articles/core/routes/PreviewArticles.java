package dev.articles.core.routes;

import dev.articles.core.FieldError;
import dev.articles.core.article.Publication;
import dev.articles.core.article.Timestamps;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.PreviewFilter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The newsroom's list: every article that exists (drafts, scheduled and live) with the list's parameters plus
 * {@code status}; an editor's holds all, a reporter's the articles they created. Protected as writes are.
 */
public final class PreviewArticles {

    /** The query parameters a preview list takes: the list's, and {@code status}. */
    public static final Set<String> PARAMETERS;

    static {
        Set<String> names = new HashSet<>(ListParameters.NAMES);
        names.add("status");
        PARAMETERS = Set.copyOf(names);
    }

    private final ArticleStore store;
    private final Cursors cursors;
    private final WriteAccess access;
    private final Editors editors;
    private final Clock clock;

    /** @param clock what "scheduled" and "live" are measured against ({@code Clock.systemUTC()} in a function) */
    public PreviewArticles(ArticleStore store, Cursors cursors, WriteAccess access, Editors editors, Clock clock) {
        this.store = store;
        this.cursors = cursors;
        this.access = access;
        this.editors = editors;
        this.clock = clock;
    }

    /** @throws UnauthenticatedException where writes are authenticated and the caller holds no token */
    public Caller admit(Caller caller) {
        return access.admit(caller);
    }

    /**
     * @throws UnauthenticatedException where writes are authenticated and the caller holds no token
     * @throws dev.articles.core.InvalidInputException naming each invalid query parameter
     */
    public ListArticles.Listing list(Map<String, String> query, Caller caller) {
        admit(caller);
        List<FieldError> errors = new ArrayList<>();
        ListParameters parameters = ListParameters.parse(query, errors);
        String status = query.get("status");
        Publication publication = status == null ? null : Publication.of(status).orElse(null);
        if (status != null && publication == null) {
            errors.add(new FieldError("status", "must be draft, scheduled or live"));
        }
        if (!errors.isEmpty()) {
            throw ListParameters.invalid(errors);
        }
        PreviewFilter filter = new PreviewFilter(parameters.filter(), publication,
                editors.seesAll(caller) ? null : caller.sub());
        ArticleStore.Page page = store.preview(filter, parameters.afterListSk(cursors, filter), parameters.limit(),
                Timestamps.nowMillis(clock));
        String next = page.nextAfterListSk() == null ? null : cursors.encode(filter, page.nextAfterListSk());
        return new ListArticles.Listing(page.items(), next);
    }
}
