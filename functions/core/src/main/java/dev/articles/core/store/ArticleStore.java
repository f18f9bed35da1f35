package dev.articles.core.store;

import dev.articles.core.article.Article;
import dev.articles.core.changes.Change;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where articles live (the port the use cases need). Every implementation makes each write visible at one
 * instant: a create, edit or delete that fails midway leaves every reader the whole old state or the whole new
 * one, and a read never shows half of an article, nor two versions of one.
 *
 * @throws StoreUnavailableException from any method, when the store is throttling or cannot be reached
 */
public interface ArticleStore {

    /**
     * A strongly consistent read, so a client that just wrote an article sees its write at once.
     *
     * @throws ArticleDeletedException while the store remembers that the article was deleted
     */
    default Optional<Article> get(String id) {
        return read(id).map(StoredArticle::article);
    }

    /** As {@link #get}, with the version and the creator. */
    Optional<StoredArticle> read(String id);

    /**
     * The article a slug leads to: the one whose slug it is, or whose slug it was until it took another (the
     * caller tells them apart by the article's current slug). Empty for a slug that leads nowhere or to a
     * deleted article.
     */
    Optional<StoredArticle> bySlug(String slug);

    /**
     * Stores a new article; safe to repeat with the same article (a resumed idempotent create).
     *
     * @param createdBy the {@code sub} of the caller's token, or null where writes are anonymous
     * @param slugGiven whether the client chose the article's slug: then it is stored as it is or refused; a
     *                  derived one is stored as the first free of {@code slug}, {@code slug-2}, {@code slug-3}, …
     * @param now       the request's time: how long the slug is held for this create while it is under way
     * @return the article as stored (its slug may have a number appended)
     * @throws ArticleDeletedException when a repeated create finds its article deleted
     * @throws SlugTakenException when the client's slug is another article's
     */
    Article create(Article article, String createdBy, boolean slugGiven, Instant now);

    /**
     * Edits an article: reads its current version, lets {@code change} give the next one (or refuse, by throwing),
     * and stores that conditionally on the version read, setting {@code updatedAt} to {@code now}. A next version
     * equal to the current one is not written.
     *
     * @return the version now stored
     * @throws dev.articles.core.article.ArticleNotFoundException when there is no such article
     * @throws ArticleDeletedException when it was deleted
     * @throws VersionConflictException when another write changed it between the read and the write
     * @throws SlugTakenException when the next version's slug (a new one) is another article's
     */
    StoredArticle edit(String id, Function<StoredArticle, Article> change, Instant now);

    /**
     * Deletes an article: reads its current version, lets {@code check} refuse (by throwing), and deletes that
     * version conditionally; exceptions as for {@link #edit}.
     */
    void delete(String id, Consumer<StoredArticle> check, Instant now);

    /**
     * Completes whatever the last write of this article may have left undone when it stopped after its commit (a
     * retry of a write whose answer was lost calls it). Best effort.
     */
    void finish(String id);

    /** One page of a list: up to {@code limit} summaries newest first, and the position the next page starts after. */
    record Page(List<Article> items, String nextAfterListSk) {}

    /**
     * A page of the public list: articles live at {@code now} only, and the cost of a page does not grow with the
     * drafts and scheduled articles stored.
     */
    Page list(ListFilter filter, String afterListSk, int limit, Instant now);

    /**
     * A page of the changes feed, whether more changes before {@code before} wait after it, and the position of the
     * last entry it read (null when it read none): where the next page starts, even when that entry showed nothing.
     */
    record ChangePage(List<Change> changes, boolean more, String last) {}

    /**
     * The feed's entries after {@code afterPosition} and stamped before {@code before}, oldest first, up to
     * {@code limit}, each as a change of its article as it is now (as of {@code before}): an upsert when it is live,
     * a delete when a reader may hold it but it is not live, nothing otherwise. An article may have two entries
     * (see docs/data-model.md, Changes feed), so a page may hold it twice.
     */
    ChangePage changes(String afterPosition, int limit, Instant before);

    /** A page of the newsroom's list: every article that exists, drafts (sorted at their updatedAt) included. */
    Page preview(PreviewFilter filter, String afterListSk, int limit, Instant now);
}
