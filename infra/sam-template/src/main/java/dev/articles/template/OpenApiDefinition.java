package dev.articles.template;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What API Gateway reads from an HttpApi's OpenAPI {@code DefinitionBody} beside the routes SAM adds from the
 * functions' events: each operation's {@code security}, the document's top-level {@code security} applying
 * where an operation has none. Only those parts are resolved, so integrations naming resources that have no
 * local value do not get in the way. (The authorizers themselves are the HttpApi's {@code Auth}: see
 * {@link HttpApiAuth}.)
 */
final class OpenApiDefinition {

    /** The OpenAPI method key of an {@code ANY} route. */
    private static final String ANY_METHOD = "x-amazon-apigateway-any-method";

    private final Map<?, ?> body;
    private final IntrinsicResolver params;

    /** @param body the DefinitionBody as written (null when there is none) */
    OpenApiDefinition(Object body, IntrinsicResolver params) {
        this.body = body instanceof Map<?, ?> map ? map : Map.of();
        this.params = params;
    }

    /**
     * The authorizer and scopes the document requires for this route; empty when it requires none (no
     * {@code security}, {@code security: []}, or an empty requirement). An HTTP API route has one authorizer:
     * the first requirement's.
     */
    Optional<RouteSpec.RouteAuth> security(String method, String path) {
        Map<?, ?> operation = map(map(map(body.get("paths")).get(path))
                .get(method.equals("ANY") ? ANY_METHOD : method.toLowerCase(Locale.ROOT)));
        Object security = params.resolve(operation.get("security"));
        if (security == null) { // absent, or removed by !Ref AWS::NoValue: the document's default applies
            security = params.resolve(body.get("security"));
        }
        if (!(security instanceof List<?> requirements) || requirements.isEmpty()
                || map(requirements.getFirst()).isEmpty()) {
            return Optional.empty();
        }
        Map.Entry<?, ?> requirement = map(requirements.getFirst()).entrySet().iterator().next();
        List<String> scopes = requirement.getValue() instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : List.of();
        return Optional.of(new RouteSpec.RouteAuth(String.valueOf(requirement.getKey()), scopes));
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }
}
