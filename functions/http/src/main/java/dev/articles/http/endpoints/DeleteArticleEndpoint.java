package dev.articles.http.endpoints;

import dev.articles.core.routes.Caller;
import dev.articles.core.routes.DeleteArticle;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import java.util.Map;

/** DELETE /articles/{id}: If-Match in, 204 out. */
public final class DeleteArticleEndpoint implements HttpFunction.Endpoint {

    private final DeleteArticle delete;

    public DeleteArticleEndpoint(DeleteArticle delete) {
        this.delete = delete;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Caller caller = delete.admit(Callers.of(request));
        var isExpected = Preconditions.ifMatch(request);
        boolean replayed = delete.delete(request.pathParameter("id").orElse(""), isExpected, caller,
                Callers.idempotencyKey(request, caller));
        return new HttpResponse(204, replayed ? Map.of("Idempotent-Replayed", "true") : Map.of(), "");
    }
}
