package dev.articles.http.endpoints;

import dev.articles.core.article.Article;
import dev.articles.core.routes.Caller;
import dev.articles.core.routes.EditArticle;
import dev.articles.http.ETags;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.RequestBodies;
import java.util.function.Predicate;

/** PATCH /articles/{id}: a merge patch and If-Match in, 200 with the stored article and its new ETag out. */
public final class EditArticleEndpoint implements HttpFunction.Endpoint {

    private final EditArticle edit;

    public EditArticleEndpoint(EditArticle edit) {
        this.edit = edit;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Caller caller = edit.admit(Callers.of(request));
        RequestBodies.requireMergePatch(request);
        RequestBodies.requireAtMost(request, RequestBodies.MAX_BYTES);
        Predicate<Article> isExpected = Preconditions.ifMatch(request);
        EditArticle.Edited edited = edit.edit(request.pathParameter("id").orElse(""), isExpected, caller,
                ArticleJsonReader.read(request.body()), Callers.idempotencyKey(request, caller));
        String body = ArticleJson.article(edited.article());
        HttpResponse response = HttpResponse.json(200, body).withHeader("ETag", ETags.of(body));
        return edited.replayed() ? response.withHeader("Idempotent-Replayed", "true") : response;
    }
}
