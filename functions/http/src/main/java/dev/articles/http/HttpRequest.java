package dev.articles.http;

import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as API Gateway (HTTP API, payload 2.0) hands it to a function.
 *
 * @param headers     lower-cased names; repeated headers arrive comma-joined, as API Gateway sends them
 * @param body        the raw body bytes, base64-decoded where API Gateway encoded them
 * @param claims      the JWT claims API Gateway verified, empty when the route has no authorizer
 */
public record HttpRequest(
        String requestId,
        String routeKey,
        String method,
        String rawPath,
        String rawQueryString,
        Map<String, String> headers,
        Map<String, String> pathParameters,
        byte[] body,
        Map<String, String> claims) {

    public HttpRequest {
        headers = Map.copyOf(headers);
        pathParameters = Map.copyOf(pathParameters);
        claims = Map.copyOf(claims);
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }
}
