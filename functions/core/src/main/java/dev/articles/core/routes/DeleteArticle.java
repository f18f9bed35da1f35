package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Timestamps;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyRecords;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.VersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Delete an article, from the version the client names: its id stays refused, fetch answers 410 for a while. */
public final class DeleteArticle {

    private final ArticleStore store;
    private final IdempotencyRecords idempotency;
    private final WriteAccess access;
    private final Editors editors;
    private final Clock clock;

    /** @param clock what the tombstone's time comes from ({@code Clock.systemUTC()} in a function) */
    public DeleteArticle(ArticleStore store, IdempotencyRecords idempotency, WriteAccess access, Editors editors,
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
     * @return whether an earlier request with the same key deleted it (a replay)
     * @throws ArticleNotFoundException as the exceptions of {@link EditArticle#edit}, but for the patch's
     */
    public boolean delete(String id, Predicate<Article> isExpected, Caller caller, Optional<IdempotencyKey> key) {
        admit(caller);
        if (!ArticleIds.isValid(id)) {
            throw new ArticleNotFoundException(id);
        }
        Instant now = Timestamps.nowMillis(clock);
        return KeyedWrite.run(idempotency, key, id, now, () -> true, () -> {
            try {
                store.delete(id, current -> {
                    editors.check(caller, current);
                    if (!isExpected.test(current.article())) {
                        throw new PreconditionFailedException(id);
                    }
                }, now);
            } catch (VersionConflictException lostTheRace) {
                throw new PreconditionFailedException(id);
            } catch (ArticleDeletedException deleted) {
                if (key.isEmpty()) {
                    throw deleted;
                }
                // A keyed retry of a delete that committed before its answer was lost: finish it, answer as then.
                store.finish(id);
                return true;
            }
            return false;
        });
    }
}
