package dev.articles.local;

import dev.articles.jwt.JwtRejectedException;
import dev.articles.jwt.JwtVerifier;
import dev.articles.jwt.VerifiedJwt;
import dev.articles.template.JwtAuthorizerSpec;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HttpApi's JWT authorizers, enforced as API Gateway enforces them before a route's function runs: a route
 * whose security requirement names one needs a token that infra/jwt's {@link JwtVerifier} accepts (RSA
 * signature by a key the issuer publishes, iss, aud, exp, nbf, the route's scopes); every other route is open.
 */
final class JwtAuthorization {

    /** SAM's name for "no authorizer on this route". */
    private static final String NONE = "NONE";
    private static final String HEADER_SOURCE = "$request.header.";

    /** How a request to this route is checked. */
    sealed interface Outcome {
        /** The route has no authorizer. */
        record Open() implements Outcome {
        }

        /** The token passed: its claims go into the event. */
        record Verified(VerifiedJwt jwt) implements Outcome {
        }

        /** API Gateway's answer instead of the function's; {@code reason} is for our log only. */
        record Rejected(HttpApiResponse response, String reason) implements Outcome {
        }
    }

    /** @param header the token's header as the template names it */
    private record Check(JwtAuthorizerSpec spec, String header, JwtVerifier verifier, Set<String> scopes) {
    }

    private final Map<String, Check> checks = new HashMap<>();

    /** Reads the authorizers of the template's routes; refuses one the local gateway could not enforce. */
    JwtAuthorization(SamTemplate template) {
        Map<String, JwtVerifier> verifiers = new HashMap<>(); // one per authorizer, as each keeps the issuer's keys
        for (RouteSpec route : template.routes()) {
            Optional<RouteSpec.RouteAuth> auth = route.auth().filter(a -> !a.authorizer().equals(NONE));
            if (auth.isEmpty()) {
                continue;
            }
            String name = auth.get().authorizer();
            JwtAuthorizerSpec spec = template.httpApi(route).jwtAuthorizers().get(name);
            if (spec == null) {
                throw new IllegalArgumentException("route " + route.routeKey() + " requires the authorizer " + name
                        + ", which is no JWT authorizer in the Auth.Authorizers of " + route.apiLogicalId()
                        + ": the local gateway enforces only those");
            }
            JwtVerifier verifier = verifiers.computeIfAbsent(name, n -> verifier(spec));
            checks.put(route.routeKey(), new Check(spec, header(spec), verifier,
                    Set.copyOf(auth.get().authorizationScopes())));
        }
    }

    Outcome authorize(RouteSpec route, Map<String, String> headers) {
        Check check = checks.get(route.routeKey());
        if (check == null) {
            return new Outcome.Open();
        }
        String token = headers.get(check.header.toLowerCase(Locale.ROOT)); // the request's are lower-cased
        try {
            return new Outcome.Verified(check.verifier.verify(token, check.scopes));
        } catch (JwtRejectedException e) {
            HttpApiResponse response = e.status() == 403 ? HttpApiResponse.message(403, "Forbidden")
                    : HttpApiResponse.unauthorized(token == null || token.isBlank()
                            ? "A bearer token is required: send " + check.header + ": Bearer <token>."
                            : "The bearer token is not valid for this API, or has expired.");
            return new Outcome.Rejected(response, e.reason());
        }
    }

    /** For the route listing: which issuer and audiences the route's tokens must come from, if it has an authorizer. */
    Optional<String> describe(RouteSpec route) {
        return Optional.ofNullable(checks.get(route.routeKey())).map(c -> "JWT from " + c.spec.issuer()
                + ", audience " + String.join(",", audiences(c.spec)));
    }

    private static JwtVerifier verifier(JwtAuthorizerSpec spec) {
        List<String> audiences = audiences(spec);
        if (audiences.isEmpty()) { // as the template's own rule refuses it at deploy time
            throw new IllegalArgumentException("the JWT authorizer " + spec.name() + " has the issuer " + spec.issuer()
                    + " but no audience: any token of that issuer would pass. Give the audience parameter too");
        }
        return JwtVerifier.forIssuer(spec.issuer(), audiences);
    }

    /** An empty CommaDelimitedList parameter is one empty audience: none. */
    private static List<String> audiences(JwtAuthorizerSpec spec) {
        return spec.audiences().stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
    }

    /** The header the token is read from (a JWT authorizer has exactly one identity source). */
    private static String header(JwtAuthorizerSpec spec) {
        String source = spec.identitySource().strip();
        if (!source.startsWith(HEADER_SOURCE) || source.length() == HEADER_SOURCE.length() || source.contains(",")) {
            throw new IllegalArgumentException("the JWT authorizer " + spec.name() + " reads its token from " + source
                    + "; the local gateway reads it from one header ($request.header.NAME)");
        }
        return source.substring(HEADER_SOURCE.length());
    }
}
