package dev.articles.template;

import java.util.Optional;

/** An {@code AWS::Serverless::HttpApi} (or SAM's implicit one) and its CORS configuration. */
public record HttpApiSpec(String logicalId, Optional<CorsSpec> cors) {
}
