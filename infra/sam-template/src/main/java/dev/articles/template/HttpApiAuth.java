package dev.articles.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JWT authorizers of an HttpApi's {@code Auth.Authorizers} (SAM writes them into the API's OpenAPI
 * definition; {@code sam local start-api} skips them there instead of stopping at them as it does in a
 * {@code DefinitionBody}). Lambda authorizers are not read: the local gateway enforces JWT ones only.
 */
final class HttpApiAuth {

    private HttpApiAuth() {
    }

    /**
     * The JWT authorizers by name.
     *
     * @param values resolves the authorizer's values; a resource the issuer names (the stack's user pool)
     *               resolves to its logical id, as nothing else is known of it before a deployment
     */
    static Map<String, JwtAuthorizerSpec> jwtAuthorizers(Object auth, IntrinsicResolver values) {
        Map<String, JwtAuthorizerSpec> out = new LinkedHashMap<>();
        map(map(auth).get("Authorizers")).forEach((name, value) -> {
            Map<?, ?> authorizer = map(value);
            if (!authorizer.containsKey("JwtConfiguration")) {
                return;
            }
            Map<?, ?> jwt = map(values.resolve(authorizer.get("JwtConfiguration")));
            Object audience = jwt.get("audience");
            List<String> audiences = audience instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                    : audience == null ? List.of() : List.of(String.valueOf(audience));
            Object source = values.resolve(authorizer.get("IdentitySource"));
            out.put(String.valueOf(name), new JwtAuthorizerSpec(String.valueOf(name), String.valueOf(jwt.get("issuer")),
                    audiences, source == null ? JwtAuthorizerSpec.DEFAULT_IDENTITY_SOURCE : String.valueOf(source)));
        });
        return out;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}
