package dev.articles.http.endpoints;

import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API Gateway's $default route: a Problem Details 404 for an unknown path, 405 for a known path's wrong method. */
public final class RouteFallback implements HttpFunction.Endpoint {

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<List<String>> methods = RouteTable.methodsFor(request.rawPath());
        if (methods.isPresent() && !methods.get().contains(request.method())) {
            String allow = String.join(", ", methods.get());
            throw new ProblemException(new Problem(Problem.Type.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed on " + request.rawPath() + "; allowed: " + allow + "."),
                    Map.of("Allow", allow));
        }
        throw new ProblemException(Problem.Type.NOT_FOUND, "There is nothing at " + request.rawPath() + ".");
    }
}
