package dev.articles.template;

import java.util.Map;
import java.util.Optional;

/**
 * An {@code AWS::Serverless::HttpApi} (or SAM's implicit one): its CORS configuration and the JWT authorizers
 * its {@code Auth} declares, by name.
 */
public record HttpApiSpec(String logicalId, Optional<CorsSpec> cors, Map<String, JwtAuthorizerSpec> jwtAuthorizers) {

    public HttpApiSpec {
        jwtAuthorizers = Map.copyOf(jwtAuthorizers);
    }
}
