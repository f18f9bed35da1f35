package dev.articles.core.routes;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleDraft;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.ArticleJson;
import dev.articles.core.article.ArticleJsonReader;
import dev.articles.core.article.ArticleValidator;
import dev.articles.core.article.Timestamps;
import dev.articles.core.http.ETags;
import dev.articles.core.http.HttpFunction;
import dev.articles.core.http.HttpRequest;
import dev.articles.core.http.HttpResponse;
import dev.articles.core.http.RequestBodies;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyStore;
import dev.articles.core.store.ArticleStore;
import java.time.Instant;
import java.util.Optional;

/** POST /articles: validate, store atomically, honour Idempotency-Key. */
public final class CreateArticle implements HttpFunction.Route {

    private final ArticleStore store;
    private final IdempotencyStore idempotency;
    private final ArticleIds ids = new ArticleIds();

    public CreateArticle(ArticleStore store, IdempotencyStore idempotency) {
        this.store = store;
        this.idempotency = idempotency;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        RequestBodies.requireJson(request);
        RequestBodies.requireAtMost(request, RequestBodies.MAX_BYTES);
        Optional<IdempotencyKey> key = IdempotencyKey.of(request.header("idempotency-key"),
                request.claims().getOrDefault("sub", ""), request.body());
        ArticleDraft draft = ArticleValidator.validate(ArticleJsonReader.read(request.body()))
                .withDefaultAuthor(request.claims().get("name"));
        Instant now = Timestamps.nowMillis();
        String id = ids.next(now);
        if (key.isEmpty()) {
            Article article = draft.toArticle(id, now);
            store.create(article, request.claims().get("sub"));
            return created(article, false);
        }
        IdempotencyStore.Claim claim = idempotency.claim(key.get(), id, now);
        if (claim.completed()) {
            Optional<Article> stored = store.get(claim.articleId());
            if (stored.isPresent()) {
                return created(stored.get(), true);
            }
        }
        // A resumed claim re-creates the article the first attempt began: same id, so the same createdAt.
        Article article = draft.toArticle(claim.articleId(), ArticleIds.timestamp(claim.articleId()));
        try {
            store.create(article, request.claims().get("sub"));
        } catch (RuntimeException e) {
            idempotency.release(key.get());
            throw e;
        }
        idempotency.complete(key.get());
        return created(article, false);
    }

    private static HttpResponse created(Article article, boolean replayed) {
        String body = ArticleJson.article(article);
        HttpResponse response = HttpResponse.json(201, body)
                .withHeader("Location", "/articles/" + article.id())
                .withHeader("ETag", ETags.of(body));
        return replayed ? response.withHeader("Idempotent-Replayed", "true") : response;
    }
}
