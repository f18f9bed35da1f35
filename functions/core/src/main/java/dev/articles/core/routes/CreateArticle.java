package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleDraft;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleValidator;
import dev.articles.core.article.RawArticle;
import dev.articles.core.article.Timestamps;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyRecords;
import dev.articles.core.store.ArticleStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Create an article: validate, store atomically, honour an Idempotency-Key. */
public final class CreateArticle {

    /** The stored article, and whether it was stored by an earlier request with the same key. */
    public record Created(Article article, boolean replayed) {}

    private final ArticleStore store;
    private final IdempotencyRecords idempotency;
    private final WriteAccess access;
    private final Clock clock;
    private final ArticleIds ids = new ArticleIds();

    /** @param clock what createdAt and the ids' time come from ({@code Clock.systemUTC()} in a function) */
    public CreateArticle(ArticleStore store, IdempotencyRecords idempotency, WriteAccess access, Clock clock) {
        this.store = store;
        this.idempotency = idempotency;
        this.access = access;
        this.clock = clock;
    }

    /** @throws UnauthenticatedException where writes are authenticated and the caller holds no token */
    public Caller admit(Caller caller) {
        return access.admit(caller);
    }

    /**
     * The caller's {@code name} is the author of an article that names none; its {@code sub} is kept with it.
     *
     * @throws UnauthenticatedException where writes are authenticated and the caller holds no token
     */
    public Created create(RawArticle fields, Caller caller, Optional<IdempotencyKey> key) {
        admit(caller);
        ArticleDraft draft = ArticleValidator.validate(fields).withDefaultAuthor(caller.name());
        Instant now = Timestamps.nowMillis(clock);
        String id = ids.next(now);
        if (key.isEmpty()) {
            return new Created(store.create(draft.toArticle(id, now), caller.sub(), draft.slugGiven(), now), false);
        }
        IdempotencyRecords.Claim claim = idempotency.claim(key.get(), id, now);
        if (claim.completed()) {
            Optional<Article> stored = store.get(claim.articleId());
            if (stored.isPresent()) {
                return new Created(stored.get(), true);
            }
        }
        // A resumed claim re-creates the article the first attempt began: same id, so the same createdAt.
        Article article;
        try {
            article = store.create(draft.toArticle(claim.articleId(), ArticleIds.timestamp(claim.articleId())),
                    caller.sub(), draft.slugGiven(), now);
        } catch (RuntimeException e) {
            idempotency.release(key.get());
            throw e;
        }
        idempotency.complete(key.get());
        return new Created(article, false);
    }
}
