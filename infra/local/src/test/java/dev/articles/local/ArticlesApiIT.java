package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import dev.articles.template.ResolvedJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * The article API served from the project's template.yaml with the real function jars, as a front-end
 * developer runs it: every route, CORS as configured, the seed article byte for byte, cold then warm
 * instances, scale-out, persistence across a restart, and nothing left running after a stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArticlesApiIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final String SEED = seedText();

    private ServeProcess serve;
    private URI api;

    @BeforeAll
    void start() {
        ResolvedJars.requireTemplateJars(ROOT);
        serve = ServeProcess.start(ROOT, "--in-memory");
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        List<ProcessHandle> children = serve.descendants();
        serve.close();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    @Order(0)
    void startsWithOurOwnOutputOnly() {
        assertThat(serve.lines().getFirst()).startsWith("articles-local: the API of ");
        assertThat(serve.output()).doesNotContain("SLF4J");
    }

    @Test
    @Order(1)
    void concurrentFirstRequestsStartSeveralInstances() {
        List<CompletableFuture<Integer>> requests = IntStream.range(0, 3)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> Http.get(api, "/articles?limit=1").statusCode()))
                .toList();
        assertThat(requests.stream().map(CompletableFuture::join)).containsOnly(200);
        Eventually.holds(() -> assertThat(coldStarts("ListArticlesFunction")).isGreaterThan(1));
    }

    @Test
    @Order(2)
    void theSeedArticleRoundTripsByteForByteThroughEveryReadRoute() {
        HttpResponse<String> created = create(SEED, "seed");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) Http.json(created).get("id");
        assertThat(created.headers().firstValue("location")).contains("/articles/" + id);

        HttpResponse<byte[]> fetched = Http.exchange(api, "GET", "/articles/" + id, null, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        Map<String, Object> article = Http.map(PlainJson.parse(fetched.body()));
        assertThat(((String) article.get("body")).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(SEED.getBytes(StandardCharsets.UTF_8));
        String etag = fetched.headers().firstValue("etag").orElseThrow();
        assertThat(Http.get(api, "/articles/" + id, "If-None-Match", etag).statusCode()).isEqualTo(304);

        Map<String, Object> page = Http.json(Http.get(api, "/articles?tag=seed"));
        List<?> items = (List<?>) page.get("items");
        assertThat(items).hasSize(1);
        assertThat(Http.map(items.getFirst())).containsEntry("id", id).doesNotContainKey("body");
    }

    @Test
    @Order(3)
    void aColdStartThenWarmInvocations() {
        String id = (String) Http.json(create("warm body", "warm")).get("id");
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(api, "/articles/" + id).statusCode()).isEqualTo(200);
        }
        Eventually.holds(() -> assertThat(reports("GetArticleFunction")).hasSizeGreaterThanOrEqualTo(3));
        assertThat(coldStarts("GetArticleFunction")).isEqualTo(1);
    }

    /**
     * The AWS SDK logs through slf4j-api; each DynamoDB function's jar binds it on purpose (slf4j-nop), so no cold
     * start prints SLF4J's "Failed to load class org.slf4j.impl.StaticLoggerBinder" warnings into the log.
     */
    @Test
    @Order(4)
    void noFunctionsColdStartPrintsAnSlf4jWarning() {
        String id = (String) Http.json(create("edited, then deleted", "slf4j")).get("id");
        byte[] patch = "{\"title\":\"Edited\"}".getBytes(StandardCharsets.UTF_8);
        // Whatever they answer (an authorization rule may refuse), both functions have started.
        assertThat(Http.send(api, "PATCH", "/articles/" + id, patch, "Content-Type", "application/merge-patch+json",
                "If-Match", "*").statusCode()).isLessThan(500);
        assertThat(Http.send(api, "DELETE", "/articles/" + id, null, "If-Match", "*").statusCode()).isLessThan(500);
        for (String function : List.of("CreateArticleFunction", "GetArticleFunction", "ListArticlesFunction",
                "EditArticleFunction", "DeleteArticleFunction")) {
            Eventually.holds(() -> assertThat(coldStarts(function)).isPositive());
        }
        assertThat(serve.output()).doesNotContain("SLF4J");
    }

    @Test
    void withoutAnIssuerTheTemplateHasNoAuthorizerAndNoTokenIsLookedAt() {
        HttpResponse<String> created = Http.send(api, "POST", "/articles",
                "{\"title\":\"Open\",\"body\":\"No token needed.\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json", "Authorization", "Bearer not-a-jwt");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(Http.json(created)).containsEntry("author", null);
        // What serve says of an authorizer (a route's "JWT from <issuer>", a rejection's "JWT authorizer"): not a bare
        // "JWT", which a random request id in a function's log line may hold (CI once had requestId 7FlNJWTsJr9fIA==).
        assertThat(serve.lines()).noneMatch(l -> l.contains("JWT from") || l.contains("JWT authorizer"));
    }

    @Test
    void unknownPathsAndMethodsGetTheFallbacksProblemDocuments() {
        HttpResponse<String> notFound = Http.get(api, "/nothing/here");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(Http.json(notFound)).containsEntry("type", "urn:articles:problem:not-found");

        HttpResponse<String> notAllowed = Http.send(api, "DELETE", "/articles", null);
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.headers().firstValue("allow")).isPresent();
        assertThat(Http.get(api, "/articles/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void searchIsOffByDefaultAndSaysHowToTurnItOn() {
        HttpResponse<String> search = Http.get(api, "/articles/search?q=anything");
        assertThat(search.statusCode()).as(search.body()).isEqualTo(501);
        assertThat(search.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(Http.json(search)).containsKeys("type", "title", "detail").containsEntry("status", 501);
        assertThat((String) Http.json(search).get("detail")).contains("Search=enabled");
        assertThat(serve.output()).doesNotContain("Search: OpenSearch");
    }

    @Test
    void corsAsTheTemplateConfiguresIt() {
        HttpResponse<String> preflight = Http.send(api, "OPTIONS", "/articles", null, "Origin", "https://front.example",
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,idempotency-key,authorization");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST,PATCH,DELETE,OPTIONS");
        assertThat(preflight.headers().firstValue("access-control-allow-headers"))
                .contains("content-type,idempotency-key,if-none-match,if-match,authorization");
        assertThat(preflight.headers().firstValue("access-control-max-age")).contains("600");

        HttpResponse<String> list = Http.get(api, "/articles", "Origin", "https://front.example");
        assertThat(list.headers().firstValue("access-control-allow-origin")).contains("*");
        assertThat(list.headers().firstValue("access-control-expose-headers"))
                .contains("etag,location,retry-after,idempotent-replayed");
    }

    @Test
    void invokeRunsOneFunctionOnceWithAnEventFile() throws Exception {
        Process invoke = new ProcessBuilder(ServeProcess.mainCommand("invoke", "GetArticleFunction",
                "-e", "events/get-article.json", "--in-memory"))
                .directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        invoke.getInputStream().transferTo(stdout);
        assertThat(invoke.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(invoke.exitValue()).isZero();
        Map<String, Object> response = Http.map(PlainJson.parse(stdout.toByteArray()));
        assertThat(response).containsEntry("statusCode", 404); // a fresh database holds no such article
    }

    @Test
    void dataPersistsAcrossARestartAndADataDirServesOneServerAtATime(@TempDir Path dataDir) throws Exception {
        String id;
        String secondPage;
        try (ServeProcess first = ServeProcess.start(ROOT, "--data-dir", dataDir.toString())) {
            URI url = first.baseUrl();
            id = (String) Http.json(create(url, "kept across restarts", "kept")).get("id");
            create(url, "a second one", "kept");
            secondPage = (String) Http.json(Http.get(url, "/articles?tag=kept&limit=1")).get("nextCursor");
            assertThat(secondPage).isNotNull();

            ServeProcess second = ServeProcess.launch(ROOT, "--data-dir", dataDir.toString());
            assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(second.output()).contains("in use");

            List<ProcessHandle> children = first.descendants();
            first.close();
            assertThat(children).isNotEmpty().noneMatch(ProcessHandle::isAlive);
        }
        try (ServeProcess again = ServeProcess.start(ROOT, "--data-dir", dataDir.toString())) {
            URI url = again.baseUrl();
            Map<String, Object> article = Http.json(Http.get(url, "/articles/" + id));
            assertThat(article).containsEntry("body", "kept across restarts");
            // The cursor signing key is kept in the data dir too: a cursor from before the restart still works.
            HttpResponse<String> next = Http.get(url, "/articles?tag=kept&limit=1&cursor=" + secondPage);
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        }
    }

    /**
     * The routes beside /articles/{id}: a slug is not taken for an id (the most specific route wins, as in API
     * Gateway), a former slug is a 301, an unknown one a 404 no cache keeps; without an issuer previews are open,
     * as writes are.
     */
    @Test
    void bySlugAndPreviewRoutesReachTheirOwnFunctions() {
        HttpResponse<String> created = Http.send(api, "POST", "/articles",
                "{\"title\":\"Slug route\",\"body\":\"b\",\"slug\":\"slug-route-first\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) Http.json(created).get("id");
        HttpResponse<String> current = Http.get(api, "/articles/by-slug/slug-route-first");
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        assertThat(Http.json(current)).containsEntry("id", id);

        assertThat(Http.send(api, "PATCH", "/articles/" + id, "{\"slug\":\"slug-route-second\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/merge-patch+json", "If-Match", "*").statusCode()).isEqualTo(200);
        HttpResponse<String> moved = Http.get(api, "/articles/by-slug/slug-route-first");
        assertThat(moved.statusCode()).isEqualTo(301);
        assertThat(moved.headers().firstValue("location")).contains("/articles/by-slug/slug-route-second");
        HttpResponse<String> unknown = Http.get(api, "/articles/by-slug/no-article-has-this-slug");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("cache-control")).contains("no-store");

        HttpResponse<String> preview = Http.get(api, "/preview/articles/" + id);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        assertThat(preview.headers().firstValue("cache-control")).contains("private, no-store");
        assertThat(Http.get(api, "/preview/articles?limit=5").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> create(String body, String tag) {
        return create(api, body, tag);
    }

    private static HttpResponse<String> create(URI url, String body, String tag) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", "A " + tag + " article");
        article.put("body", body);
        article.put("tags", List.of(tag));
        return Http.send(url, "POST", "/articles", PlainJson.write(article), "Content-Type", "application/json");
    }

    private List<String> reports(String function) {
        List<String> out = new ArrayList<>();
        for (String line : serve.lines()) {
            if (line.startsWith("[" + function + "] REPORT ")) {
                out.add(line);
            }
        }
        return out;
    }

    private long coldStarts(String function) {
        return reports(function).stream().filter(l -> l.contains("Init Duration")).count();
    }

    private static String seedText() {
        try {
            return Files.readString(ProjectRoot.find().resolve("functions/api-tests/src/test/resources/samples/seed-article.txt"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
