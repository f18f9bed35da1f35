package dev.articles.template;

import java.util.List;
import java.util.Optional;

/**
 * One {@code HttpApi} event of a function: a route of an HTTP API.
 *
 * @param method            upper case, {@code ANY} for every method
 * @param path              e.g. {@code /articles/{id}}, or {@code $default} for the catch-all route
 * @param apiLogicalId      the HttpApi it belongs to ({@code ServerlessHttpApi}, SAM's implicit API, when none)
 * @param auth              the authorization the route declares, if any
 * @param timeoutInMillis   the integration timeout the route declares, if any (API Gateway's default is 30 s)
 */
public record RouteSpec(String eventName, String method, String path, String functionLogicalId,
                        String apiLogicalId, Optional<RouteAuth> auth, Optional<Integer> timeoutInMillis) {

    public static final String DEFAULT_ROUTE = "$default";

    /** The route key API Gateway puts in {@code requestContext.routeKey}: {@code GET /articles/{id}} or {@code $default}. */
    public String routeKey() {
        return isDefault() ? DEFAULT_ROUTE : method + " " + path;
    }

    public boolean isDefault() {
        return path.equals(DEFAULT_ROUTE);
    }

    /** A route's {@code Auth}: the authorizer name ({@code NONE} disables one) and the scopes it requires. */
    public record RouteAuth(String authorizer, List<String> authorizationScopes) {
        public RouteAuth {
            authorizationScopes = List.copyOf(authorizationScopes);
        }
    }
}
