package dev.articles.http.endpoints;

import dev.articles.core.article.Article;
import dev.articles.http.ETags;
import dev.articles.http.HttpRequest;
import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.util.function.Predicate;

/** If-Match on an edit or delete: required (428 without it), and compared with the ETag a fetch gives. */
final class Preconditions {

    private Preconditions() {}

    /** Whether a version is the one the request's If-Match names. */
    static Predicate<Article> ifMatch(HttpRequest request) {
        String ifMatch = request.header("if-match").orElseThrow(() -> new ProblemException(Problem.Type.PRECONDITION_REQUIRED,
                "Send If-Match with the ETag of the version you are changing (from a fetch, a create or an edit), or *."));
        return current -> ETags.ifMatch(ifMatch, ETags.of(ArticleJson.article(current)));
    }
}
