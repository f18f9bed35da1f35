package dev.articles.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevIssuerTest {

    private static String get(String uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return response.body();
    }

    @Test
    void publishesItsOpenIdConfigurationAndOnlyThePublicKey() throws Exception {
        try (var issuer = DevIssuer.start("aud")) {
            assertThat(issuer.issuer()).startsWith("http://127.0.0.1:");

            Map<String, Object> configuration = JSONObjectUtils.parse(get(issuer.issuer() + "/.well-known/openid-configuration"));
            assertThat(configuration).containsEntry("issuer", issuer.issuer());

            JWKSet keys = JWKSet.parse(get((String) configuration.get("jwks_uri")));
            assertThat(keys.getKeys()).singleElement().satisfies(key -> {
                assertThat(key).isInstanceOf(RSAKey.class);
                assertThat(key.isPrivate()).isFalse();
            });
            String token = issuer.mint("sub-1", "Grace");
            assertThat(SignedJWT.parse(token).getHeader().getKeyID()).isEqualTo(keys.getKeys().getFirst().getKeyID());
        }
    }

    @Test
    void mintsTokensWithSubjectNameAudienceAndAnHourOfValidity() throws Exception {
        try (var issuer = DevIssuer.start("articles")) {
            var claims = SignedJWT.parse(issuer.mint("sub-1", "Grace Hopper")).getJWTClaimsSet();

            assertThat(claims.getSubject()).isEqualTo("sub-1");
            assertThat(claims.getStringClaim("name")).isEqualTo("Grace Hopper");
            assertThat(claims.getIssuer()).isEqualTo(issuer.issuer());
            assertThat(claims.getAudience()).containsExactly("articles");
            assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
        }
    }
}
