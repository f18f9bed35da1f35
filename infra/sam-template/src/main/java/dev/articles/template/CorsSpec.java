package dev.articles.template;

import java.util.List;
import java.util.Optional;

/** An HttpApi's {@code CorsConfiguration} with parameters resolved. Header names as written. */
public record CorsSpec(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
                       List<String> exposeHeaders, Optional<Integer> maxAge, boolean allowCredentials) {

    public CorsSpec {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }
}
