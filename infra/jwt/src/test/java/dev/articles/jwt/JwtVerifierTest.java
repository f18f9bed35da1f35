package dev.articles.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real tokens, signed with real keys, checked against keys fetched over HTTP from a {@link DevIssuer}. */
class JwtVerifierTest {

    private static final String AUDIENCE = "articles-web";

    private static DevIssuer issuer;
    private static JwtVerifier verifier;
    /** A key the issuer does not publish. */
    private static RSAKey rogueKey;

    @BeforeAll
    static void start() throws Exception {
        issuer = DevIssuer.start(AUDIENCE);
        verifier = JwtVerifier.forIssuer(issuer.issuer(), List.of("articles-app", AUDIENCE));
        rogueKey = new RSAKeyGenerator(2048).keyID("rogue").generate();
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    /** Valid claims: the issuer, the audience, a subject, issued now, expiring in an hour. */
    private static JWTClaimsSet.Builder valid() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.issuer())
                .audience(AUDIENCE)
                .subject("user-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    private static Date inMinutes(long minutes) {
        return Date.from(Instant.now().plus(Duration.ofMinutes(minutes)));
    }

    private static String signedBy(RSAKey key, String keyId, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static void assertRejected(ThrowingCallable verification, int status, String reason) {
        assertThatThrownBy(verification)
                .isInstanceOfSatisfying(JwtRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.reason()).contains(reason);
                });
    }

    private static void assertUnauthorized(String token, String reason) {
        assertRejected(() -> verifier.verify("Bearer " + token, Set.of()), 401, reason);
    }

    @Test
    void acceptsAMintedTokenAndGivesItsClaimsAsApiGatewayDoes() throws Exception {
        String token = issuer.mint("user-42", "Ada Lovelace");

        VerifiedJwt verified = verifier.verify("Bearer " + token, Set.of());

        assertThat(verified.claims())
                .containsEntry("sub", "user-42")
                .containsEntry("name", "Ada Lovelace")
                .containsEntry("iss", issuer.issuer())
                .containsEntry("aud", AUDIENCE)
                .containsKeys("exp", "iat", "jti");
        assertThat(verified.claims().get("exp")).matches("\\d+");
        assertThat(verified.scopes()).isEmpty();
    }

    @Test
    void acceptsTheTokenWithoutBearerPrefixToo() throws Exception {
        assertThat(verifier.verify(issuer.mint("u", "n"), Set.of()).claims()).containsEntry("sub", "u");
        assertThat(verifier.verify("bearer  " + issuer.mint("v", "n"), Set.of()).claims()).containsEntry("sub", "v");
    }

    @Test
    void rendersArrayObjectAndNullClaimsLikeApiGateway() throws Exception {
        String token = issuer.sign(valid()
                .audience(List.of("other", AUDIENCE))
                .claim("groups", List.of("admin", "editor"))
                .claim("address", Map.of("country", "NL"))
                .claim("verified", true)
                .claim("nothing", null)
                .build());

        Map<String, String> claims = verifier.verify("Bearer " + token, Set.of()).claims();

        assertThat(claims)
                .containsEntry("aud", "[other articles-web]")
                .containsEntry("groups", "[admin editor]")
                .containsEntry("address", "{\"country\":\"NL\"}")
                .containsEntry("verified", "true")
                .doesNotContainKey("nothing");
    }

    @Test
    void rejectsAMissingOrMalformedToken() {
        assertRejected(() -> verifier.verify(null, Set.of()), 401, "no token");
        assertRejected(() -> verifier.verify("Bearer ", Set.of()), 401, "no token");
        assertUnauthorized("not-a-jwt", "malformed");
    }

    @Test
    void rejectsAnExpiredToken() throws Exception {
        assertUnauthorized(issuer.sign(valid().issueTime(inMinutes(-120)).expirationTime(inMinutes(-60)).build()),
                "expired");
    }

    @Test
    void rejectsATokenWithoutExpiry() throws Exception {
        assertUnauthorized(issuer.sign(valid().expirationTime(null).build()), "no exp");
    }

    @Test
    void rejectsATokenNotValidYet() throws Exception {
        assertUnauthorized(issuer.sign(valid().notBeforeTime(inMinutes(10)).build()), "nbf");
    }

    @Test
    void rejectsATokenIssuedInTheFuture() throws Exception {
        assertUnauthorized(issuer.sign(valid().issueTime(inMinutes(10)).build()), "iat");
    }

    @Test
    void rejectsAnotherIssuer() throws Exception {
        assertUnauthorized(issuer.sign(valid().issuer("https://evil.example.org").build()), "issuer");
    }

    @Test
    void rejectsAnotherAudience() throws Exception {
        assertUnauthorized(issuer.sign(valid().audience("someone-else").build()), "audience");
        assertUnauthorized(issuer.sign(valid().audience((String) null).build()), "audience");
    }

    @Test
    void readsClientIdOnlyWhenTheTokenHasNoAudience() throws Exception {
        String accessToken = issuer.sign(valid().audience((String) null).claim("client_id", AUDIENCE).build());
        assertThat(verifier.verify(accessToken, Set.of()).claims()).containsEntry("client_id", AUDIENCE);

        assertUnauthorized(issuer.sign(valid().audience("someone-else").claim("client_id", AUDIENCE).build()),
                "audience");
    }

    @Test
    void rejectsABadSignature() throws Exception {
        // Signed by another key under the issuer's kid: the published key does not verify it.
        assertUnauthorized(signedBy(rogueKey, kidOfIssuer(), valid().build()), "bad signature");

        // A genuine token whose payload was changed afterwards.
        String[] parts = issuer.mint("user-1", "n").split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode(valid().subject("admin").build().toString()) + "." + parts[2];
        assertUnauthorized(tampered, "bad signature");
    }

    @Test
    void rejectsAlgNone() throws Exception {
        String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + kidOfIssuer() + "\"}").toString();
        String payload = Base64URL.encode(valid().build().toString()).toString();

        assertUnauthorized(header + "." + payload + ".", "algorithm none");
    }

    @Test
    void rejectsHs256EvenWithTheIssuersKid() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kidOfIssuer()).build(), valid().build());
        jwt.sign(new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes(StandardCharsets.UTF_8)));

        assertUnauthorized(jwt.serialize(), "algorithm HS256");
    }

    @Test
    void rejectsAnUnknownKid() throws Exception {
        assertUnauthorized(signedBy(rogueKey, "rogue", valid().build()), "unknown kid");
    }

    @Test
    void rejectsATokenWithoutKid() throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), valid().build());
        jwt.sign(new RSASSASigner(rogueKey));

        assertUnauthorized(jwt.serialize(), "no kid");
    }

    @Test
    void routeScopesRequireOneOfThemAndAreReported() throws Exception {
        String writer = issuer.sign(valid().claim("scope", "articles/read articles/write").build());
        String reader = issuer.sign(valid().claim("scp", List.of("articles/read")).build());

        assertThat(verifier.verify(writer, Set.of("articles/write")).scopes())
                .isEqualTo(Optional.of(List.of("articles/read", "articles/write")));
        assertRejected(() -> verifier.verify(reader, Set.of("articles/write")), 403, "none of");
    }

    @Test
    void fetchesKeysFromAGivenJwksUri() throws Exception {
        var direct = JwtVerifier.withJwks(issuer.issuer(), List.of(AUDIENCE), URI.create(issuer.issuer() + DevIssuer.JWKS_PATH));

        assertThat(direct.verify(issuer.mint("u", "n"), Set.of()).claims()).containsEntry("sub", "u");
    }

    @Test
    void refusesAConfigurationWithoutIssuerOrAudience() {
        assertThatThrownBy(() -> JwtVerifier.forIssuer("", List.of(AUDIENCE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtVerifier.forIssuer(issuer.issuer(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String kidOfIssuer() throws Exception {
        return SignedJWT.parse(issuer.mint("u", "n")).getHeader().getKeyID();
    }
}
