package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.articles.jwt.DevIssuer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} end to end over HTTP, in memory, with the test function (it can echo, sleep past its
 * timeout, crash and throw) on the real runtime client in its own JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeIT {

    private TestFunctionProject project;
    private DevIssuer issuer;
    private ServeProcess serve;
    private URI api;

    @BeforeAll
    void start(@TempDir Path dir) {
        project = TestFunctionProject.create(dir);
        issuer = DevIssuer.start(TestFunctionProject.AUDIENCE);
        serve = ServeProcess.start(Path.of(System.getProperty("project.root")), "--in-memory",
                "--template", project.template().toString(), "--parameter", "Issuer=" + issuer.issuer());
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        List<ProcessHandle> children = serve.descendants();
        serve.close();
        issuer.close();
        assertThat(children).as("dynalite and function JVMs").isNotEmpty();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(1)
    void aColdStartThenAWarmInvocationOnTheSameInstance() {
        Map<String, Object> cold = Http.json(Http.get(api, "/echo/first"));
        Map<String, Object> warm = Http.json(Http.get(api, "/echo/second"));
        assertThat(warm.get("pid")).isEqualTo(cold.get("pid"));
        assertThat(report(cold)).contains("Init Duration: ");
        assertThat(report(warm)).doesNotContain("Init Duration");
        assertThat(awaitLine("[EchoFunction] START RequestId: " + cold.get("awsRequestId"))).endsWith(" Version: $LATEST");
        assertThat(awaitLine("[EchoFunction] " + cold.get("awsRequestId") + " handling ")).isNotEmpty();
    }

    @Test
    void theEventIsPayloadFormat2() {
        HttpResponse<String> response = Http.get(api, "/echo/a%20b?x=1&x=2&empty=&enc=%C3%A9%26",
                "Cookie", "c1=v1; c2=v2", "X-Multi", "one", "X-Multi", "two", "User-Agent", "articles-test");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> echo = Http.json(response);
        Map<String, Object> event = Http.map(echo.get("event"));
        assertThat(event.get("version")).isEqualTo("2.0");
        assertThat(event.get("routeKey")).isEqualTo("GET /echo/{id}");
        assertThat(event.get("rawPath")).isEqualTo("/echo/a%20b");
        assertThat(event.get("rawQueryString")).isEqualTo("x=1&x=2&empty=&enc=%C3%A9%26");
        assertThat(event.get("cookies")).isEqualTo(List.of("c1=v1", "c2=v2"));
        Map<String, Object> headers = Http.map(event.get("headers"));
        assertThat(headers.get("x-multi")).isEqualTo("one,two");
        assertThat(headers.get("user-agent")).isEqualTo("articles-test");
        assertThat(headers).doesNotContainKey("cookie").containsKey("x-forwarded-for");
        assertThat(event.get("queryStringParameters")).isEqualTo(Map.of("x", "1,2", "empty", "", "enc", "é&"));
        assertThat(event.get("pathParameters")).isEqualTo(Map.of("id", "a b"));
        assertThat(event.get("isBase64Encoded")).isEqualTo(false);
        assertThat(event).doesNotContainKey("body");
        Map<String, Object> context = Http.map(event.get("requestContext"));
        assertThat(context.get("requestId")).isEqualTo(response.headers().firstValue("apigw-requestid").orElseThrow());
        assertThat(context.get("routeKey")).isEqualTo("GET /echo/{id}");
        assertThat(context.get("stage")).isEqualTo("$default");
        assertThat((String) context.get("time")).matches("\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
        assertThat(((Number) context.get("timeEpoch")).longValue()).isPositive();
        assertThat(context.get("http")).isEqualTo(Map.of("method", "GET", "path", "/echo/a%20b", "protocol", "HTTP/1.1",
                "sourceIp", "127.0.0.1", "userAgent", "articles-test"));

        Map<String, Object> env = Http.map(echo.get("env"));
        assertThat(env.get("TABLE_NAME")).isEqualTo("Table");
        assertThat((String) env.get("SECRET")).hasSize(48);
        assertThat(env.get("AWS_REGION")).isEqualTo("us-east-1");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME")).isEqualTo("EchoFunction");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")).isEqualTo("256");
        assertThat(env.get("AWS_ENDPOINT_URL_DYNAMODB")).isEqualTo(serve.dynamoDbEndpoint().toString());
        assertThat(env.get("JAVA_TOOL_OPTIONS")).isEqualTo("-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        assertThat(((Number) echo.get("remainingMs")).longValue()).isBetween(1L, 3000L);
    }

    @Test
    void theJwtAuthorizerPutsTheTokensClaimsInTheEventAndChecksScopes() {
        HttpResponse<String> missing = Http.get(api, "/secured", "Authorization", "Bearer " + issuer.mint("u", "N"));
        assertThat(missing.statusCode()).as("the token belongs in X-Token, the identity source").isEqualTo(401);

        String token = issuer.mint("user-7", "Echo Reader");
        Map<String, Object> context = Http.map(event(Http.get(api, "/secured", "X-Token", token)).get("requestContext"));
        Map<String, Object> jwt = Http.map(Http.map(context.get("authorizer")).get("jwt"));
        Map<String, Object> claims = Http.map(jwt.get("claims"));
        assertThat(claims).containsEntry("sub", "user-7").containsEntry("name", "Echo Reader")
                .containsEntry("iss", issuer.issuer()).containsEntry("aud", TestFunctionProject.AUDIENCE)
                .containsKeys("exp", "iat", "jti");
        assertThat(claims.values()).allMatch(String.class::isInstance); // API Gateway passes every claim as a string
        assertThat(jwt).containsEntry("scopes", null);

        // A route requiring a scope: 403 without it (API Gateway's own answer), the token's scopes in the event with it.
        HttpResponse<String> forbidden = Http.get(api, "/secured/read", "X-Token", token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        Instant now = Instant.now();
        String scoped = issuer.sign(new JWTClaimsSet.Builder().issuer(issuer.issuer()).audience(TestFunctionProject.AUDIENCE)
                .subject("user-7").claim("scope", "echo/read echo/write").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).build());
        Map<String, Object> withScope = Http.map(event(Http.get(api, "/secured/read", "X-Token", scoped)).get("requestContext"));
        assertThat(Http.map(Http.map(withScope.get("authorizer")).get("jwt")).get("scopes"))
                .isEqualTo(List.of("echo/read", "echo/write"));

        // Routes without a security requirement get no authorizer context.
        assertThat(Http.map(event(Http.get(api, "/echo/open", "X-Token", token)).get("requestContext")))
                .doesNotContainKey("authorizer");
    }

    @Test
    void routesAreChosenAsApiGatewayChoosesThem() {
        assertThat(event(Http.send(api, "DELETE", "/echo", null)).get("routeKey")).isEqualTo("ANY /echo");
        Map<String, Object> greedy = event(Http.get(api, "/files/a/b/c.txt"));
        assertThat(greedy.get("routeKey")).isEqualTo("GET /files/{proxy+}");
        assertThat(greedy.get("pathParameters")).isEqualTo(Map.of("proxy", "a/b/c.txt"));

        for (String path : List.of("/elsewhere", "/echo/x/y", "/files")) {
            Map<String, Object> fallback = Http.json(Http.get(api, path));
            Map<String, Object> event = Http.map(fallback.get("event"));
            assertThat(event.get("routeKey")).as(path).isEqualTo("$default");
            assertThat(event).as(path).doesNotContainKey("pathParameters");
            assertThat((Http.map(fallback.get("env"))).get("AWS_LAMBDA_FUNCTION_NAME")).isEqualTo("FallbackFunction");
        }
    }

    @Test
    void bodiesTravelAsTextOrBase64() {
        String text = "{\"title\":\"Grüße – \\\"quoted\\\"\"}";
        Map<String, Object> json = event(Http.send(api, "POST", "/echo", text.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json; charset=utf-8"));
        assertThat(json.get("body")).isEqualTo(text);
        assertThat(json.get("isBase64Encoded")).isEqualTo(false);

        byte[] binary = {0, 1, 2, (byte) 255};
        Map<String, Object> bytes = event(Http.send(api, "POST", "/echo", binary, "Content-Type", "application/octet-stream"));
        assertThat(bytes.get("body")).isEqualTo(Base64.getEncoder().encodeToString(binary));
        assertThat(bytes.get("isBase64Encoded")).isEqualTo(true);

        HttpResponse<byte[]> out = Http.exchange(api, "GET", "/echo?binary", null, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(out.body()).containsExactly(binary);
        assertThat(out.headers().firstValue("content-type")).contains("application/octet-stream");
    }

    @Test
    void responsesAreMappedAsPayloadFormat2() {
        HttpResponse<String> bare = Http.get(api, "/echo?bare");
        assertThat(bare.statusCode()).isEqualTo(200);
        assertThat(bare.body()).isEqualTo("{\"bare\":true}");
        assertThat(bare.headers().firstValue("content-type")).contains("application/json");

        HttpResponse<String> cookies = Http.get(api, "/echo?cookies");
        assertThat(cookies.statusCode()).isEqualTo(201);
        assertThat(cookies.body()).isEqualTo("made");
        assertThat(cookies.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2");
        assertThat(cookies.headers().firstValue("x-custom")).contains("yes");
        // The gateway owns CORS: a function's own CORS headers never reach the client.
        assertThat(cookies.headers().map()).doesNotContainKey("access-control-allow-origin");

        for (String fault : List.of("raw", "throw")) {
            HttpResponse<String> error = Http.get(api, "/echo?" + fault);
            assertThat(error.statusCode()).as(fault).isEqualTo(500);
            assertThat(error.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
    }

    @Test
    void corsAsConfigured() {
        HttpResponse<String> preflight = Http.send(api, "OPTIONS", "/echo/1", null, "Origin", "https://app.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,idempotency-key");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
        assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("content-type,idempotency-key");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("60");

        HttpResponse<String> wildcard = Http.send(api, "OPTIONS", "/anything", null, "Origin", "https://news.example.org",
                "Access-Control-Request-Method", "GET");
        assertThat(wildcard.headers().firstValue("access-control-allow-origin")).contains("https://news.example.org");

        HttpResponse<String> otherOrigin = Http.send(api, "OPTIONS", "/echo", null, "Origin", "https://evil.example",
                "Access-Control-Request-Method", "GET");
        assertThat(otherOrigin.statusCode()).isEqualTo(204);
        assertThat(otherOrigin.headers().map()).doesNotContainKey("access-control-allow-origin");
        HttpResponse<String> otherMethod = Http.send(api, "OPTIONS", "/echo", null, "Origin", "https://app.example",
                "Access-Control-Request-Method", "DELETE");
        assertThat(otherMethod.headers().map()).doesNotContainKey("access-control-allow-origin");

        HttpResponse<String> actual = Http.get(api, "/echo?cookies", "Origin", "https://app.example");
        assertThat(actual.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
        assertThat(actual.headers().firstValue("access-control-expose-headers")).contains("etag,location");
        assertThat(Http.get(api, "/echo?bare", "Origin", "https://evil.example").headers().map())
                .doesNotContainKey("access-control-allow-origin");

        // An OPTIONS that is not a preflight is routed like any request.
        assertThat(event(Http.send(api, "OPTIONS", "/echo", null)).get("routeKey")).isEqualTo("ANY /echo");
    }

    @Test
    void anInstancePastItsTimeoutIsKilledAndTheClientGets503() {
        HttpResponse<String> slow = Http.get(api, "/files/slow?sleep=10000");
        assertThat(slow.statusCode()).isEqualTo(503);
        assertThat(slow.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(serve.output()).contains("Task timed out after 3.00 seconds");
        assertThat(Http.get(api, "/files/after-timeout").statusCode()).isEqualTo(200);
    }

    @Test
    void aCrashedInstanceIsReplaced() {
        HttpResponse<String> crash = Http.get(api, "/echo/crash?crash");
        assertThat(crash.statusCode()).isEqualTo(500);
        assertThat(crash.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        assertThat(serve.output()).contains("exited with code 3");
        assertThat(Http.get(api, "/echo/after-crash").statusCode()).isEqualTo(200);
    }

    @Test
    void concurrentRequestsScaleOutToMoreInstances() {
        List<CompletableFuture<Map<String, Object>>> requests = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.json(Http.get(api, "/echo/busy" + i + "?sleep=1500"))))
                .toList();
        List<Object> pids = requests.stream().map(CompletableFuture::join).map(r -> r.get("pid")).toList();
        assertThat(pids).doesNotHaveDuplicates();
    }

    @Test
    void aRebuiltArtifactReplacesTheInstances() {
        Object before = Http.json(Http.get(api, "/echo/before-build")).get("pid");
        project.buildJar();
        Object after = Http.json(Http.get(api, "/echo/after-build")).get("pid");
        assertThat(after).isNotEqualTo(before);
        assertThat(serve.output()).contains("artifact rebuilt");
    }

    private static Map<String, Object> event(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.map(Http.json(response).get("event"));
    }

    private String report(Map<String, Object> echo) {
        return awaitLine("[EchoFunction] REPORT RequestId: " + echo.get("awsRequestId"));
    }

    private String awaitLine(String prefix) {
        Eventually.holds(() -> assertThat(serve.lines()).anyMatch(l -> l.startsWith(prefix)));
        return serve.lines().stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }
}
