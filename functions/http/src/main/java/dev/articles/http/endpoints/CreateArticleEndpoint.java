package dev.articles.http.endpoints;

import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.routes.Caller;
import dev.articles.core.routes.CreateArticle;
import dev.articles.http.ETags;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.RequestBodies;
import java.util.Optional;

/** POST /articles: a JSON body in, 201 with Location and ETag out. */
public final class CreateArticleEndpoint implements HttpFunction.Endpoint {

    private final CreateArticle create;

    public CreateArticleEndpoint(CreateArticle create) {
        this.create = create;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Caller caller = create.admit(Callers.of(request));
        RequestBodies.requireJson(request);
        RequestBodies.requireAtMost(request, RequestBodies.MAX_BYTES);
        Optional<IdempotencyKey> key = Callers.idempotencyKey(request, caller);
        CreateArticle.Created created = create.create(ArticleJsonReader.read(request.body()), caller, key);
        String body = ArticleJson.article(created.article());
        HttpResponse response = HttpResponse.json(201, body)
                .withHeader("Location", "/articles/" + created.article().id())
                .withHeader("ETag", ETags.of(body));
        return created.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
    }
}
