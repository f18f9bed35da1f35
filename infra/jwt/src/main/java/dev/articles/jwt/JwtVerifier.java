package dev.articles.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a request's JWT as an API Gateway HTTP API JWT authorizer configured with this issuer and these
 * audiences does: an RSA signature by a key the issuer publishes under the token's {@code kid}, then {@code iss},
 * {@code aud} (or {@code client_id} when there is no {@code aud}), {@code exp}, {@code nbf} and {@code iat}
 * against the current time, then the route's scopes. {@code alg: none}, HMAC and every non-RSA algorithm are
 * refused: API Gateway accepts RSA signatures only, and a shared secret would let any holder mint tokens.
 */
public final class JwtVerifier {

    private final String issuer;
    private final Set<String> audiences;
    private final SigningKeys keys;
    private final Clock clock = Clock.systemUTC();

    private JwtVerifier(String issuer, Collection<String> audiences, URI jwksUri) {
        if (issuer.isBlank() || audiences.isEmpty()) {
            throw new IllegalArgumentException("a JWT authorizer needs an issuer and at least one audience");
        }
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.keys = new SigningKeys(issuer, jwksUri);
    }

    /** Keys found as API Gateway finds them: the {@code jwks_uri} of {@code <issuer>/.well-known/openid-configuration}. */
    public static JwtVerifier forIssuer(String issuer, Collection<String> audiences) {
        return new JwtVerifier(issuer, audiences, null);
    }

    /** Keys fetched from a known JWKS location, for issuers without OpenID discovery. */
    public static JwtVerifier withJwks(String issuer, Collection<String> audiences, URI jwksUri) {
        return new JwtVerifier(issuer, audiences, jwksUri);
    }

    /**
     * @param authorization the {@code Authorization} header's value, with or without {@code Bearer }; null if absent
     * @param routeScopes   the route's authorization scopes; empty when it has none (as every route here)
     * @return the claims and scopes for the event's {@code requestContext.authorizer.jwt}
     * @throws JwtRejectedException when API Gateway would answer 401 or 403 instead of calling the function
     */
    public VerifiedJwt verify(String authorization, Set<String> routeScopes) throws JwtRejectedException {
        SignedJWT jwt = parse(token(authorization));
        checkSignature(jwt);
        Map<String, Object> claims = jwt.getPayload().toJSONObject();
        checkIssuer(claims);
        checkAudience(claims);
        checkTimes(claims);
        return VerifiedJwt.of(claims, scopes(claims, routeScopes));
    }

    private static String token(String authorization) throws JwtRejectedException {
        String value = authorization == null ? "" : authorization.strip();
        if (value.regionMatches(true, 0, "Bearer", 0, 6)
                && (value.length() == 6 || Character.isWhitespace(value.charAt(6)))) {
            value = value.substring(6).strip();
        }
        if (value.isEmpty()) {
            throw JwtRejectedException.unauthorized("no token");
        }
        return value;
    }

    /** Parses the header first, so an unsigned or HMAC token is refused for what it is, not as malformed. */
    private static SignedJWT parse(String token) throws JwtRejectedException {
        try {
            Header header = Header.parse(JOSEObject.split(token)[0]);
            if (!(header.getAlgorithm() instanceof JWSAlgorithm algorithm)
                    || !JWSAlgorithm.Family.RSA.contains(algorithm)) {
                throw JwtRejectedException.unauthorized("algorithm " + header.getAlgorithm() + " is not accepted");
            }
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw JwtRejectedException.unauthorized("malformed token: " + e.getMessage());
        }
    }

    private void checkSignature(SignedJWT jwt) throws JwtRejectedException {
        String keyId = jwt.getHeader().getKeyID();
        if (keyId == null) {
            throw JwtRejectedException.unauthorized("no kid in the token header");
        }
        RSAKey key;
        try {
            key = keys.find(keyId).orElseThrow(() -> JwtRejectedException.unauthorized("unknown kid " + keyId));
        } catch (IOException | ParseException e) {
            throw JwtRejectedException.unauthorized("the issuer's keys are unavailable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw JwtRejectedException.unauthorized("interrupted while fetching the issuer's keys");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw JwtRejectedException.unauthorized("bad signature");
            }
        } catch (JOSEException e) {
            throw JwtRejectedException.unauthorized("signature not verifiable: " + e.getMessage());
        }
    }

    private void checkIssuer(Map<String, Object> claims) throws JwtRejectedException {
        if (!issuer.equals(claims.get("iss"))) {
            throw JwtRejectedException.unauthorized("issuer " + claims.get("iss") + " is not " + issuer);
        }
    }

    /** API Gateway reads {@code client_id} only when the token has no {@code aud} (e.g. Cognito access tokens). */
    private void checkAudience(Map<String, Object> claims) throws JwtRejectedException {
        Object named = claims.containsKey("aud") ? claims.get("aud") : claims.get("client_id");
        List<?> candidates = named instanceof List<?> list ? list : named == null ? List.of() : List.of(named);
        if (candidates.stream().noneMatch(audiences::contains)) {
            throw JwtRejectedException.unauthorized("audience " + named + " is none of " + audiences);
        }
    }

    private void checkTimes(Map<String, Object> claims) throws JwtRejectedException {
        double now = clock.millis() / 1000.0;
        if (!claims.containsKey("exp")) {
            throw JwtRejectedException.unauthorized("no exp");
        }
        if (seconds(claims, "exp") <= now) {
            throw JwtRejectedException.unauthorized("expired");
        }
        if (claims.containsKey("nbf") && seconds(claims, "nbf") > now) {
            throw JwtRejectedException.unauthorized("not valid yet (nbf)");
        }
        if (claims.containsKey("iat") && seconds(claims, "iat") > now) {
            throw JwtRejectedException.unauthorized("issued in the future (iat)");
        }
    }

    private static double seconds(Map<String, Object> claims, String name) throws JwtRejectedException {
        if (!(claims.get(name) instanceof Number seconds)) {
            throw JwtRejectedException.unauthorized(name + " is not a number");
        }
        return seconds.doubleValue();
    }

    /** The token's scopes ({@code scp}, else the space-separated {@code scope}) when the route requires one. */
    private static Optional<List<String>> scopes(Map<String, Object> claims, Set<String> routeScopes)
            throws JwtRejectedException {
        if (routeScopes.isEmpty()) {
            return Optional.empty();
        }
        Object granted = claims.containsKey("scp") ? claims.get("scp") : claims.get("scope");
        List<String> scopes = switch (granted) {
            case List<?> list -> list.stream().map(String::valueOf).toList();
            case String text -> Arrays.stream(text.split(" ")).filter(s -> !s.isEmpty()).toList();
            case null, default -> List.of();
        };
        if (scopes.stream().noneMatch(routeScopes::contains)) {
            throw JwtRejectedException.forbidden("token scopes " + scopes + " include none of " + routeScopes);
        }
        return Optional.of(scopes);
    }

    @Override
    public String toString() {
        return "JwtVerifier[issuer=" + issuer + ", audiences=" + audiences + "]";
    }
}
