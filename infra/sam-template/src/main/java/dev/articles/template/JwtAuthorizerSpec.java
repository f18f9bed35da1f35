package dev.articles.template;

import java.util.List;

/**
 * A JWT authorizer of an HttpApi, as its {@code Auth.Authorizers} declares it ({@code JwtConfiguration}),
 * parameters resolved.
 *
 * @param name           the authorizer's name, which routes' {@code security} requirements and {@code Auth} refer to
 * @param audiences      as written: an audience from an empty CommaDelimitedList parameter is an empty string
 * @param identitySource where the token is, e.g. {@code $request.header.Authorization} (API Gateway's default)
 */
public record JwtAuthorizerSpec(String name, String issuer, List<String> audiences, String identitySource) {

    public static final String DEFAULT_IDENTITY_SOURCE = "$request.header.Authorization";

    public JwtAuthorizerSpec {
        audiences = List.copyOf(audiences);
    }
}
