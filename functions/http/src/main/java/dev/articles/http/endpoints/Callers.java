package dev.articles.http.endpoints;

import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.routes.Caller;
import dev.articles.http.HttpRequest;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The caller of a write or a preview, from the JWT claims API Gateway verified (none where writes are not authenticated). */
final class Callers {

    private Callers() {}

    static Caller of(HttpRequest request) {
        var claims = request.claims();
        Set<String> scopes = new HashSet<>(values(claims.get("scope")));
        scopes.addAll(values(claims.get("scp")));
        return new Caller(claims.get("sub"), claims.get("name"), scopes, values(claims.get("cognito:groups")));
    }

    /** The request's Idempotency-Key, bound to the caller, the method, the path and the body. */
    static Optional<IdempotencyKey> idempotencyKey(HttpRequest request, Caller caller) {
        return IdempotencyKey.of(request.header("idempotency-key"), caller.sub() == null ? "" : caller.sub(),
                request.method() + " " + request.rawPath(), request.body());
    }

    /** A claim of several values: space-separated ({@code scope}), or an array API Gateway renders as "[a b]". */
    private static Set<String> values(String claim) {
        if (claim == null) {
            return Set.of();
        }
        String list = claim.startsWith("[") && claim.endsWith("]") ? claim.substring(1, claim.length() - 1) : claim;
        return Set.copyOf(Arrays.stream(list.split("[ ,]")).filter(v -> !v.isEmpty()).toList());
    }
}
