package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.articles.jwt.DevIssuer;
import dev.articles.template.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's template with its JWT authorizer on, as a stack deployed with JwtIssuer and JwtAudience has it,
 * in front of the real function jars: writes need a valid token and are refused before the function runs
 * without one; edits and deletes are the creator's and editors'; reads stay public. And {@code serve --auth},
 * which brings its own issuer and prints a token and an editor's token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final String AUDIENCE = "articles-test";
    private static final String MISSING = "A bearer token is required: send Authorization: Bearer <token>.";
    private static final String INVALID = "The bearer token is not valid for this API, or has expired.";

    private DevIssuer issuer;
    private ServeProcess serve;
    private URI api;

    @BeforeAll
    void start() {
        issuer = DevIssuer.start(AUDIENCE);
        serve = ServeProcess.start(ROOT, "--in-memory",
                "--parameter", "JwtIssuer=" + issuer.issuer(), "--parameter", "JwtAudience=" + AUDIENCE);
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        serve.close();
        issuer.close();
    }

    @Test
    @Order(1)
    void createsWithoutAValidTokenAre401ProblemsAndNeverReachTheFunction() throws Exception {
        assertRejected(create(null, "{\"title\":\"t\",\"body\":\"b\"}"), MISSING);

        Instant now = Instant.now();
        Map<String, String> invalid = new LinkedHashMap<>();
        invalid.put("expired", issuer.sign(claims().issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()));
        invalid.put("wrong audience", issuer.sign(claims().audience("someone-else").build()));
        invalid.put("wrong issuer", issuer.sign(claims().issuer("https://issuer.example").build()));
        invalid.put("not yet valid", issuer.sign(claims().notBeforeTime(Date.from(now.plus(Duration.ofMinutes(10)))).build()));
        invalid.put("alg none", new PlainJWT(claims().build()).serialize());
        invalid.put("HS256", hs256(claims().build()));
        String valid = issuer.mint("writer-1", "Test Writer");
        invalid.put("tampered", valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5));
        invalid.put("not a JWT", "not-a-jwt");
        for (Map.Entry<String, String> token : invalid.entrySet()) {
            HttpResponse<String> response = create("Bearer " + token.getValue(), "{\"title\":\"t\",\"body\":\"b\"}");
            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertRejected(response, INVALID);
        }
        assertRejected(create("Bearer", "{\"title\":\"t\",\"body\":\"b\"}"), INVALID);
        assertRejected(create("Basic dXNlcjpwYXNz", "{\"title\":\"t\",\"body\":\"b\"}"), INVALID);

        // The authorizer answered each of them itself: the function has not even started.
        assertThat(serve.lines()).noneMatch(l -> l.startsWith("[CreateArticleFunction]"));
        assertThat(serve.lines()).anyMatch(l -> l.startsWith("POST /articles -> JWT authorizer (expired) 401"));
    }

    @Test
    @Order(2)
    void aValidTokenCreatesAndAnArticleWithoutAuthorIsCreditedToItsName() {
        String token = "Bearer " + issuer.mint("writer-1", "Test Writer");
        HttpResponse<String> created = create(token, "{\"title\":\"Signed\",\"body\":\"By a token holder.\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.json(created)).containsEntry("author", "Test Writer");

        HttpResponse<String> named = create(token, "{\"title\":\"Signed\",\"body\":\"b\",\"author\":\"Desk\"}");
        assertThat(named.statusCode()).isEqualTo(201);
        assertThat(Http.json(named)).containsEntry("author", "Desk");
    }

    @Test
    @Order(3)
    void readsArePublicAndUnknownRoutesAreNotTheAuthorizersBusiness() {
        String id = (String) Http.json(create("Bearer " + issuer.mint("writer-1", "Test Writer"),
                "{\"title\":\"Public\",\"body\":\"b\"}")).get("id");
        assertThat(Http.get(api, "/articles/" + id).statusCode()).isEqualTo(200);
        assertThat(Http.get(api, "/articles/" + id, "Authorization", "Bearer not-a-jwt").statusCode()).isEqualTo(200);
        assertThat(Http.get(api, "/articles?limit=5").statusCode()).isEqualTo(200);
        assertThat(Http.send(api, "DELETE", "/articles", null).statusCode()).isEqualTo(405);

        HttpResponse<String> preflight = Http.send(api, "OPTIONS", "/articles", null, "Origin", "https://front.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-headers").orElseThrow()).contains("authorization");
        // A browser on another origin can read the 401 too.
        assertThat(Http.send(api, "POST", "/articles", "{}".getBytes(StandardCharsets.UTF_8), "Origin", "https://front.example",
                "Content-Type", "application/json").headers().firstValue("access-control-allow-origin")).contains("*");
    }

    /**
     * Who may edit and delete, end to end through the real jars: the token that created the article, and editors
     * (the template's EditorScope in scope or scp, or EditorGroup in cognito:groups); any other valid token 403;
     * no token, an expired one or another issuer's 401 from the authorizer. Nothing changes unless allowed.
     */
    @Test
    @Order(4)
    void editsAndDeletesAreAllowedToTheCreatorAndEditorsOnly() {
        Instant now = Instant.now();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("owner", "Bearer " + issuer.mint("owner-1", "Owner"));
        tokens.put("editor by scope", "Bearer " + issuer.mint("editor-1", "Editor", "openid articles/edit"));
        tokens.put("editor by scp", "Bearer " + issuer.sign(claims().subject("editor-2").claim("scp", List.of("articles/edit")).build()));
        tokens.put("editor by group", "Bearer " + issuer.sign(claims().subject("editor-3").claim("cognito:groups", List.of("readers", "editors")).build()));
        tokens.put("other user", "Bearer " + issuer.mint("someone-else", "Someone Else"));
        tokens.put("other user with another scope", "Bearer " + issuer.mint("someone-else", "Someone Else", "articles/read"));
        tokens.put("anonymous", null);
        tokens.put("expired owner", "Bearer " + issuer.sign(claims().subject("owner-1").issueTime(Date.from(now.minus(Duration.ofHours(2))))
                .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build()));
        tokens.put("owner of another issuer", "Bearer " + issuer.sign(claims().subject("owner-1").issuer("https://issuer.example").build()));
        Map<String, Integer> expected = Map.of("owner", 200, "editor by scope", 200, "editor by scp", 200, "editor by group", 200,
                "other user", 403, "other user with another scope", 403, "anonymous", 401, "expired owner", 401,
                "owner of another issuer", 401);
        for (Map.Entry<String, String> caller : tokens.entrySet()) {
            int status = expected.get(caller.getKey());
            HttpResponse<String> created = create(tokens.get("owner"), "{\"title\":\"Mine\",\"body\":\"b\",\"tags\":[\"auth\"]}");
            String id = (String) Http.json(created).get("id");
            String etag = created.headers().firstValue("etag").orElseThrow();

            HttpResponse<String> edited = write(caller.getValue(), "PATCH", id, etag, "{\"title\":\"Changed\"}");
            assertThat(edited.statusCode()).as("%s edits: %s", caller.getKey(), edited.body()).isEqualTo(status);
            if (status != 200) {
                assertThat(Http.get(api, "/articles/" + id).headers().firstValue("etag")).as(caller.getKey()).contains(etag);
            }
            String current = Http.get(api, "/articles/" + id).headers().firstValue("etag").orElseThrow();
            HttpResponse<String> deleted = write(caller.getValue(), "DELETE", id, current, null);
            assertThat(deleted.statusCode()).as("%s deletes: %s", caller.getKey(), deleted.body()).isEqualTo(status == 200 ? 204 : status);
            assertThat(Http.get(api, "/articles/" + id).statusCode()).as(caller.getKey()).isEqualTo(status == 200 ? 410 : 200);
        }
    }

    /**
     * Previews through the real jars, protected exactly as writes: no token is the authorizer's 401 (the function
     * never runs); a valid token of someone who neither created the article nor edits is 403 on it and sees it in
     * no preview list; its creator and editors see the draft, which no public route shows.
     */
    @Test
    @Order(5)
    void previewsAreTheCreatorsAndEditorsOnly() {
        String owner = "Bearer " + issuer.mint("previewer-1", "Previewer");
        HttpResponse<String> created = create(owner, "{\"title\":\"Embargoed\",\"body\":\"b\",\"status\":\"draft\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) Http.json(created).get("id");

        assertRejected(Http.get(api, "/preview/articles/" + id), MISSING);
        assertRejected(Http.get(api, "/preview/articles?limit=5"), MISSING);
        assertRejected(Http.get(api, "/preview/articles/" + id, "Authorization", "Bearer not-a-jwt"), INVALID);
        assertThat(serve.lines()).noneMatch(l -> l.startsWith("[PreviewArticleFunction]") || l.startsWith("[PreviewArticlesFunction]"));

        String other = "Bearer " + issuer.mint("someone-else", "Someone Else");
        assertThat(Http.get(api, "/preview/articles/" + id, "Authorization", other).statusCode()).isEqualTo(403);
        assertThat(Http.json(Http.get(api, "/preview/articles?status=draft", "Authorization", other)).get("items")).isEqualTo(List.of());

        HttpResponse<String> own = Http.get(api, "/preview/articles/" + id, "Authorization", owner);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(own.headers().firstValue("cache-control")).contains("private, no-store");
        assertThat(own.headers().firstValue("etag")).isEqualTo(created.headers().firstValue("etag"));
        String editor = "Bearer " + issuer.mint("editor-1", "Editor", "openid articles/edit");
        assertThat(Http.get(api, "/preview/articles/" + id, "Authorization", editor).statusCode()).isEqualTo(200);
        assertThat((List<?>) Http.json(Http.get(api, "/preview/articles?status=draft", "Authorization", editor)).get("items"))
                .hasSizeGreaterThanOrEqualTo(1);
        assertThat(Http.get(api, "/articles/" + id).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> write(String authorization, String method, String id, String etag, String json) {
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        List<String> headers = new java.util.ArrayList<>(List.of("If-Match", etag));
        if (json != null) {
            headers.addAll(List.of("Content-Type", "application/merge-patch+json"));
        }
        if (authorization != null) {
            headers.addAll(List.of("Authorization", authorization));
        }
        return Http.send(api, method, "/articles/" + id, body, headers.toArray(String[]::new));
    }

    /**
     * Authorization never fails open: a write that reaches the real function without the authorizer's claims,
     * as a route left without its authorizer would deliver it, is 401 where the template authenticates writes
     * (its default, which {@code invoke} keeps), logged, and writes nothing.
     */
    @Test
    void aWriteWithoutClaimsThatReachesTheFunctionIs401AndWritesNothing(@TempDir Path dataDir) throws Exception {
        Map<String, Object> event = Http.map(PlainJson.parse(Files.readAllBytes(ROOT.resolve("events/create-article.json"))));
        Map<String, Object> context = new LinkedHashMap<>(Http.map(event.get("requestContext")));
        assertThat(context.remove("authorizer")).as("the sample carries the authorizer's claims").isNotNull();
        Map<String, Object> withoutClaims = new LinkedHashMap<>(event);
        withoutClaims.put("requestContext", context);
        Path file = dataDir.resolve("create-without-claims.json");
        Files.write(file, PlainJson.write(withoutClaims));

        Invoked create = invoke("CreateArticleFunction", file, dataDir);
        assertThat(create.response()).containsEntry("statusCode", 401);
        assertThat(Http.map(create.response().get("headers"))).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(Http.map(PlainJson.parse(((String) create.response().get("body")).getBytes(StandardCharsets.UTF_8))))
                .containsEntry("type", "urn:articles:problem:unauthorized").containsEntry("detail", MISSING);
        assertThat(create.log()).contains("\"level\":\"WARN\"").contains("request refused with 401");

        Invoked list = invoke("ListArticlesFunction", ROOT.resolve("events/list-articles.json"), dataDir);
        assertThat(list.response()).containsEntry("statusCode", 200);
        assertThat((String) list.response().get("body")).startsWith("{\"items\":[],");
    }

    private record Invoked(Map<String, Object> response, String log) {}

    private static Invoked invoke(String function, Path event, Path dataDir) throws Exception {
        Path log = Files.createTempFile(dataDir, "invoke", ".log");
        Process invoke = new ProcessBuilder(ServeProcess.mainCommand("invoke", function, "-e", event.toString(),
                "--data-dir", dataDir.resolve("data").toString()))
                .directory(ROOT.toFile()).redirectError(log.toFile()).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        invoke.getInputStream().transferTo(stdout);
        assertThat(invoke.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(invoke.exitValue()).as(Files.readString(log)).isZero();
        return new Invoked(Http.map(PlainJson.parse(stdout.toByteArray())), Files.readString(log));
    }

    @Test
    void parametersTheTemplateDoesNotDeclareOrAnIssuerWithoutAudienceAreRefused() throws Exception {
        ServeProcess unknown = ServeProcess.launch(ROOT, "--in-memory", "--parameter", "JwtIssuers=https://issuer.example");
        assertThat(unknown.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(unknown.output()).contains("has no parameter JwtIssuers");

        ServeProcess noAudience = ServeProcess.launch(ROOT, "--in-memory", "--parameter", "JwtIssuer=https://issuer.example");
        assertThat(noAudience.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(noAudience.output()).contains("no audience");

        ServeProcess both = ServeProcess.launch(ROOT, "--in-memory", "--auth", "--parameter", "JwtAudience=x");
        assertThat(both.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(both.output()).contains("--auth sets JwtIssuer and JwtAudience itself");
    }

    @Test
    void serveAuthPrintsATokenThatCreatesAndACurlToUseIt() {
        try (ServeProcess withAuth = ServeProcess.start(ROOT, "--in-memory", "--auth")) {
            URI url = withAuth.baseUrl();
            List<String> lines = withAuth.lines();
            String token = lines.stream().map(String::strip).filter(l -> l.startsWith("export TOKEN="))
                    .map(l -> l.substring("export TOKEN=".length())).findFirst().orElseThrow();
            assertThat(lines).anyMatch(l -> l.strip().startsWith("curl -i -X POST " + url + "/articles -H \"Authorization: Bearer $TOKEN\""));

            assertRejected(Http.send(url, "POST", "/articles", "{\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json"), MISSING);
            HttpResponse<String> created = Http.send(url, "POST", "/articles",
                    "{\"title\":\"Hello\",\"body\":\"Written on my laptop.\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json", "Authorization", "Bearer " + token);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(Http.json(created)).containsEntry("author", Main.DEV_NAME);

            // The editor token it prints may edit an article another token created.
            String editorToken = lines.stream().map(String::strip).filter(l -> l.startsWith("export EDITOR_TOKEN="))
                    .map(l -> l.substring("export EDITOR_TOKEN=".length())).findFirst().orElseThrow();
            HttpResponse<String> edited = Http.send(url, "PATCH", "/articles/" + Http.json(created).get("id"),
                    "{\"title\":\"Edited by an editor\"}".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/merge-patch+json", "If-Match", "*", "Authorization", "Bearer " + editorToken);
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        }
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer.issuer()).audience(AUDIENCE).subject("writer-1")
                .claim("name", "Test Writer").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** Signed with a shared secret: what a token forged by anyone holding (or guessing) one looks like. */
    private static String hs256(JWTClaimsSet claims) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private HttpResponse<String> create(String authorization, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return authorization == null
                ? Http.send(api, "POST", "/articles", body, "Content-Type", "application/json")
                : Http.send(api, "POST", "/articles", body, "Content-Type", "application/json", "Authorization", authorization);
    }

    private static void assertRejected(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer");
        assertThat(Http.json(response)).containsExactly(Map.entry("type", "urn:articles:problem:unauthorized"),
                Map.entry("title", "Authentication required"), Map.entry("status", 401), Map.entry("detail", detail));
    }
}
