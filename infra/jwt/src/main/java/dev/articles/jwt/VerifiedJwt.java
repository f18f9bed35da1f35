package dev.articles.jwt;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What API Gateway puts in {@code requestContext.authorizer.jwt} of a payload 2.0 event.
 *
 * @param claims every claim of the token, each value as the string API Gateway makes of it
 * @param scopes the token's scopes when the route requires scopes; empty (rendered as {@code null}) otherwise
 */
public record VerifiedJwt(Map<String, String> claims, Optional<List<String>> scopes) {

    public VerifiedJwt {
        claims = Map.copyOf(claims);
        scopes = scopes.map(List::copyOf);
    }

    /**
     * Renders claims the way API Gateway delivers them: strings as they are, numbers and booleans as their text,
     * arrays as {@code [a b]}, objects as JSON, and claims whose value is null left out.
     */
    static VerifiedJwt of(Map<String, Object> payload, Optional<List<String>> scopes) {
        var claims = new LinkedHashMap<String, String>();
        payload.forEach((name, value) -> {
            if (value != null) {
                claims.put(name, render(value));
            }
        });
        return new VerifiedJwt(claims, scopes);
    }

    private static String render(Object value) {
        return switch (value) {
            case List<?> list -> list.stream().map(VerifiedJwt::render).collect(Collectors.joining(" ", "[", "]"));
            case Map<?, ?> map -> JSONObjectUtils.toJSONString(stringKeys(map));
            case Double d when d == Math.rint(d) && !d.isInfinite() -> Long.toString(d.longValue());
            default -> String.valueOf(value);
        };
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        var copy = new LinkedHashMap<String, Object>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
