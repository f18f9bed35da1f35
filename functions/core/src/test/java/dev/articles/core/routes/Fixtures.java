package dev.articles.core.routes;

import static dev.articles.core.article.RawArticles.raw;

import dev.articles.core.article.Article;
import dev.articles.core.article.RawArticle;
import dev.articles.core.article.Timestamps;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the use cases' tests share: callers, the template's editor scope and group, and requests. */
final class Fixtures {

    static final Instant T0 = Instant.parse("2026-11-24T18:03:11.482Z");
    static final Duration IN_PROGRESS_EXPIRY = Duration.ofSeconds(15);
    static final Editors EDITORS = new Editors("articles/edit", "editors");
    static final Cursors CURSORS = new Cursors("the-cursor-key-of-the-use-case-tests".getBytes(StandardCharsets.UTF_8));

    static final Caller OWNER = new Caller("owner-1", "Owner Name", Set.of(), Set.of());
    static final Caller OTHER = new Caller("other-1", "Other Name", Set.of("articles/read"), Set.of("readers"));
    static final Caller EDITOR_BY_SCOPE = new Caller("editor-1", null, Set.of("openid", "articles/edit"), Set.of());
    static final Caller EDITOR_BY_GROUP = new Caller("editor-2", null, Set.of(), Set.of("readers", "editors"));
    static final Caller NO_TOKEN = new Caller(null, null, Set.of(), Set.of());

    private Fixtures() {}

    static RawArticle article() {
        return raw("title", "Crowds gather", "body", "Opposition supporters marched.", "tags", List.of("Venezuela", "politics"),
                "publishedAt", "2019-04-30T14:05:00Z");
    }

    static RawArticle draft(String title) {
        return raw("title", title, "body", "Not out yet.", "status", "draft");
    }

    /** A published article that goes live at {@code publishedAt}. */
    static RawArticle published(String title, Instant publishedAt) {
        return raw("title", title, "body", "Out at its time.", "publishedAt", Timestamps.format(publishedAt));
    }

    /** Stores an article as the caller's create request does, where writes are authenticated. */
    static Article create(ArticleStore store, Clock clock, RawArticle fields, Caller caller) {
        return new CreateArticle(store, new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY), WriteAccess.AUTHENTICATED, clock)
                .create(fields, caller, Optional.empty()).article();
    }

    /** The caller's Idempotency-Key for a request: {@code target} is the method and path. */
    static Optional<IdempotencyKey> key(String key, Caller caller, String target, String body) {
        return IdempotencyKey.of(Optional.of(key), caller.sub() == null ? "" : caller.sub(), target,
                body.getBytes(StandardCharsets.UTF_8));
    }
}
