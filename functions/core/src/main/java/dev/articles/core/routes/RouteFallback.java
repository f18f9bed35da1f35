package dev.articles.core.routes;

import dev.articles.core.http.HttpFunction;
import dev.articles.core.http.HttpRequest;
import dev.articles.core.http.HttpResponse;
import dev.articles.core.http.Problem;
import dev.articles.core.http.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API Gateway's $default route: a Problem Details 404 for an unknown path, 405 for a known path's wrong method. */
public final class RouteFallback implements HttpFunction.Route {

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<List<String>> methods = Routes.methodsFor(request.rawPath());
        if (methods.isPresent() && !methods.get().contains(request.method())) {
            String allow = String.join(", ", methods.get());
            throw new ProblemException(new Problem(Problem.Type.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + request.rawPath() + "; allowed: " + allow + "."),
                    Map.of("Allow", allow));
        }
        throw new ProblemException(Problem.Type.NOT_FOUND, "There is nothing at " + request.rawPath() + ".");
    }
}
