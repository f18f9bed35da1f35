package dev.articles.http.endpoints;

import java.util.List;
import java.util.Optional;

/**
 * The contract's routes, for the fallback's 404-or-405 answer. template.yaml declares the same routes for
 * API Gateway; a test holds the two equal.
 */
public final class RouteTable {

    public record Route(String method, String path) {}

    public static final List<Route> ALL = List.of(
            new Route("POST", "/articles"),
            new Route("GET", "/articles"),
            new Route("GET", "/articles/{id}"),
            new Route("PATCH", "/articles/{id}"),
            new Route("DELETE", "/articles/{id}"),
            new Route("GET", "/articles/by-slug/{slug}"),
            new Route("GET", "/articles/changes"),
            new Route("GET", "/articles/search"),
            new Route("GET", "/preview/articles"),
            new Route("GET", "/preview/articles/{id}"));

    private RouteTable() {}

    /**
     * The methods the contract allows on this path, or empty when no route has the path. /articles/changes is also
     * an {id} path to API Gateway (a PATCH of it reaches the edit, which finds no such article), as is /articles/search.
     */
    public static Optional<List<String>> methodsFor(String path) {
        List<String> methods = ALL.stream().filter(r -> matches(r.path(), path)).map(Route::method).distinct().sorted().toList();
        return methods.isEmpty() ? Optional.empty() : Optional.of(methods);
    }

    /** As API Gateway matches: literal segments equal, a {param} segment any one non-empty segment. */
    static boolean matches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}");
            if (parameter ? actual[i].isEmpty() : !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }
}
