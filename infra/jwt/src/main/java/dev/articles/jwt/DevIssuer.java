package dev.articles.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A local OpenID issuer for development and tests: a fresh RSA key pair, its OpenID configuration and JWKS
 * served over HTTP on loopback (so {@link JwtVerifier#forIssuer} finds the key exactly as API Gateway would),
 * and tokens minted for one audience. The private key lives only in this process.
 */
public final class DevIssuer implements AutoCloseable {

    static final String CONFIGURATION_PATH = "/.well-known/openid-configuration";
    static final String JWKS_PATH = "/.well-known/jwks.json";
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final RSAKey key;
    private final HttpServer server;
    private final String issuer;
    private final String audience;

    private DevIssuer(RSAKey key, HttpServer server, String audience) {
        this.key = key;
        this.server = server;
        this.issuer = "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
        this.audience = audience;
    }

    /** Starts an issuer on a free loopback port whose tokens name {@code audience}. */
    public static DevIssuer start(String audience) {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            var devIssuer = new DevIssuer(key, server, audience);
            server.createContext(CONFIGURATION_PATH, exchange -> answer(exchange, devIssuer.configuration()));
            server.createContext(JWKS_PATH,
                    exchange -> answer(exchange, JSONObjectUtils.toJSONString(new JWKSet(key.toPublicJWK()).toJSONObject())));
            server.start();
            return devIssuer;
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback", e);
        }
    }

    /** The issuer URL, for the {@code iss} claim and the authorizer's issuer, e.g. {@code http://127.0.0.1:41234}. */
    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }

    /** A token valid for an hour from now naming {@code subject} ({@code sub}) and {@code name}. */
    public String mint(String subject, String name) {
        return mint(subject, name, null);
    }

    /** As {@link #mint(String, String)}, with a {@code scope} claim (space-separated scopes) unless null. */
    public String mint(String subject, String name, String scope) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .claim("name", name)
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** Signs any claims with this issuer's key (RS256, its kid): for tokens a test wants wrong in one way only. */
    public String sign(JWTClaimsSet claims) {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the issuer's own key", e);
        }
        return jwt.serialize();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String configuration() {
        return JSONObjectUtils.toJSONString(Map.of(
                "issuer", issuer,
                "jwks_uri", issuer + JWKS_PATH,
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "subject_types_supported", List.of("public"),
                "response_types_supported", List.of("id_token")));
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
