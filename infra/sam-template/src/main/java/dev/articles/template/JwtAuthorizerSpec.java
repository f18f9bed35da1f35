package dev.articles.template;

import java.util.List;

/**
 * A JWT authorizer of an HttpApi, as its OpenAPI definition declares it ({@code x-amazon-apigateway-authorizer}
 * of type {@code jwt}), parameters resolved.
 *
 * @param name           the security scheme's name, which routes' {@code security} requirements refer to
 * @param audiences      as written: an audience from an empty CommaDelimitedList parameter is an empty string
 * @param identitySource where the token is, e.g. {@code $request.header.Authorization} (API Gateway's default)
 */
public record JwtAuthorizerSpec(String name, String issuer, List<String> audiences, String identitySource) {

    public static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";

    public JwtAuthorizerSpec {
        audiences = List.copyOf(audiences);
    }
}
