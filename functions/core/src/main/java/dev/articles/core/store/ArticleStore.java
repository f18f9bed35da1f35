package dev.articles.core.store;

import dev.articles.core.article.Article;
import java.util.List;
import java.util.Optional;

/**
 * Where articles live (the port the use cases need). Every implementation makes an article visible at one
 * instant: a create that fails midway leaves nothing visible anywhere, and a read never shows half of one.
 *
 * @throws StoreUnavailableException from any method, when the store is throttling or cannot be reached
 */
public interface ArticleStore {

    /** A strongly consistent read, so a client that just created an article can fetch it at once. */
    Optional<Article> get(String id);

    /** Stores an article; safe to repeat with the same article (a resumed idempotent create). */
    void create(Article article);

    /** One page of a list: up to {@code limit} summaries newest first, and the position the next page starts after. */
    record Page(List<Article> items, String nextAfterListSk) {}

    Page list(ListFilter filter, String afterListSk, int limit);
}
