package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.ArticlePatch;
import dev.articles.core.article.RawArticle;
import dev.articles.core.article.Timestamps;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyRecords;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.VersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Edit an article with a merge patch, from the version the client names: one conditional write, so of two
 * edits from one version exactly one succeeds; an edit that changes nothing writes nothing.
 */
public final class EditArticle {

    /** The stored article after the edit, and whether an earlier request with the same key made it. */
    public record Edited(Article article, boolean replayed) {}

    private final ArticleStore store;
    private final IdempotencyRecords idempotency;
    private final WriteAccess access;
    private final Editors editors;
    private final Clock clock;

    /** @param clock what updatedAt comes from ({@code Clock.systemUTC()} in a function) */
    public EditArticle(ArticleStore store, IdempotencyRecords idempotency, WriteAccess access, Editors editors,
            Clock clock) {
        this.store = store;
        this.idempotency = idempotency;
        this.access = access;
        this.editors = editors;
        this.clock = clock;
    }

    /** @throws UnauthenticatedException where writes are authenticated and the caller holds no token */
    public Caller admit(Caller caller) {
        return access.admit(caller);
    }

    /**
     * @param isExpected whether a version is the one the client edited (its If-Match; always true for {@code *})
     * @throws UnauthenticatedException         where writes are authenticated and the caller holds no token
     * @throws ArticleNotFoundException          for an unknown id
     * @throws dev.articles.core.store.ArticleDeletedException for a deleted article
     * @throws NotAllowedException               for a caller who is neither the creator nor an editor
     * @throws PreconditionFailedException       when the current version is not the expected one
     * @throws dev.articles.core.InvalidInputException for a patch that breaks the rules
     */
    public Edited edit(String id, Predicate<Article> isExpected, Caller caller, RawArticle patch,
            Optional<IdempotencyKey> key) {
        admit(caller);
        if (!ArticleIds.isValid(id)) {
            throw new ArticleNotFoundException(id);
        }
        Instant now = Timestamps.nowMillis(clock);
        return KeyedWrite.run(idempotency, key, id, now,
                () -> new Edited(store.get(id).orElseThrow(() -> new ArticleNotFoundException(id)), true),
                () -> write(id, isExpected, caller, patch, key.isPresent(), now));
    }

    private Edited write(String id, Predicate<Article> isExpected, Caller caller, RawArticle patch, boolean keyed,
            Instant now) {
        boolean[] applied = {false};
        try {
            Article stored = store.edit(id, current -> {
                editors.check(caller, current);
                Article next = ArticlePatch.apply(current.article(), patch, now);
                if (!isExpected.test(current.article())) {
                    // A keyed retry of an edit that committed before its answer was lost (the request stopped
                    // before completing its key) finds its own version: a merge patch applied again changes
                    // nothing. That is the first answer, not a conflict.
                    if (keyed && next.equals(current.article())) {
                        applied[0] = true;
                        return next;
                    }
                    throw new PreconditionFailedException(id);
                }
                return next;
            }, now).article();
            if (applied[0]) {
                store.finish(id);
            }
            return new Edited(stored, applied[0]);
        } catch (VersionConflictException lostTheRace) {
            throw new PreconditionFailedException(id);
        }
    }
}
