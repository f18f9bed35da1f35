package dev.articles.jwt;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The issuer's public keys (JWKS), fetched on first use from a known URI or through OpenID discovery, and
 * kept like API Gateway keeps them: up to two hours, fetched again sooner only for a key id it does not know.
 */
final class SigningKeys {

    private static final Duration MAX_AGE = Duration.ofHours(2);
    /** A stream of tokens with made-up key ids must not turn into a stream of requests to the issuer. */
    private static final Duration MIN_REFETCH = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final String issuer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Clock clock = Clock.systemUTC();
    private URI jwksUri;
    private JWKSet keys;
    private Instant fetchedAt = Instant.MIN;

    /** @param jwksUri the JWKS location; null to discover it from the issuer's OpenID configuration */
    SigningKeys(String issuer, URI jwksUri) {
        this.issuer = issuer;
        this.jwksUri = jwksUri;
    }

    /** The RSA key with this id, if the issuer publishes one. */
    synchronized Optional<RSAKey> find(String keyId) throws IOException, ParseException, InterruptedException {
        Instant now = clock.instant();
        if (keys == null || now.isAfter(fetchedAt.plus(MAX_AGE))) {
            fetch(now);
        }
        JWK key = keys.getKeyByKeyId(keyId);
        if (key == null && now.isAfter(fetchedAt.plus(MIN_REFETCH))) {
            fetch(now); // the issuer may have rotated its keys
            key = keys.getKeyByKeyId(keyId);
        }
        return key instanceof RSAKey rsa ? Optional.of(rsa) : Optional.empty();
    }

    private void fetch(Instant now) throws IOException, ParseException, InterruptedException {
        if (jwksUri == null) {
            String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
            Object location = JSONObjectUtils.parse(get(URI.create(base + "/.well-known/openid-configuration")))
                    .get("jwks_uri");
            if (!(location instanceof String uri)) {
                throw new ParseException("the OpenID configuration of " + issuer + " has no jwks_uri", 0);
            }
            jwksUri = URI.create(uri);
        }
        keys = JWKSet.parse(get(jwksUri));
        fetchedAt = now;
    }

    private String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }
}
