package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.articles.core.article.ArticleIds;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.template.ProjectRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Create and fetch through the routes, against the real engine, rule by rule of the contract. */
class ArticleApiIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static TestApi api;

    @BeforeAll
    static void table() {
        api = TestApi.freshTable();
    }

    /** The contract's sample article, committed beside the tests: CI clones the project alone. */
    static final String SEED_ARTICLE = "functions/api-tests/src/test/resources/samples/seed-article.txt";

    static String seedBody() throws IOException {
        return Files.readString(ProjectRoot.find().resolve(SEED_ARTICLE), StandardCharsets.UTF_8);
    }

    static String articleJson(String title, String body) throws IOException {
        ObjectNode article = JSON.createObjectNode().put("title", title).put("body", body);
        return JSON.writeValueAsString(article);
    }

    static void assertProblem(ApiResponse response, int status, String slug) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo("urn:articles:problem:" + slug);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "software.amazon", "com.fasterxml");
    }

    @Test
    void seedArticleIsTheContractsSample() throws IOException {
        Path contractCopy = ProjectRoot.find().resolveSibling("shared").resolve("samples/seed-article.txt");
        assumeTrue(Files.exists(contractCopy), "the contract's folder (../shared) is not beside this clone");
        assertThat(seedBody()).isEqualTo(Files.readString(contractCopy, StandardCharsets.UTF_8));
    }

    @Test
    void seedArticleRoundTripsByteExact() throws IOException {
        String body = seedBody();
        ObjectNode input = JSON.createObjectNode()
                .put("title", "VIDEO: Venezuelan coup attempt underway to throw out dictator Maduro")
                .put("summary", "Opposition supporters marched towards the airbase on Tuesday.")
                .put("body", body)
                .put("author", " Staff reporter ")
                .put("source", "AMN")
                .put("sourceUrl", "https://news.example.org/2019/04/30/airbase")
                .put("publishedAt", "2019-04-30T10:05:00-04:00");
        input.putArray("tags").add("Venezuela").add("politics").add("VENEZUELA");
        ApiResponse created = api.create(JSON.writeValueAsString(input));

        assertThat(created.status()).isEqualTo(201);
        JsonNode article = created.json();
        String id = article.get("id").asText();
        assertThat(ArticleIds.isValid(id)).isTrue();
        assertThat(created.header("Location")).isEqualTo("/articles/" + id);
        assertThat(created.header("Content-Type")).isEqualTo("application/json");
        assertThat(article.get("body").asText()).isEqualTo(body);
        assertThat(article.get("author").asText()).isEqualTo("Staff reporter");
        assertThat(article.get("tags")).containsExactly(JSON.valueToTree("venezuela"), JSON.valueToTree("politics"));
        assertThat(article.get("publishedAt").asText()).isEqualTo("2019-04-30T14:05:00Z");
        assertThat(article.get("createdAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

        ApiResponse fetched = api.get(id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(created.body());
        assertThat(fetched.json().get("body").asText().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(body.getBytes(StandardCharsets.UTF_8));
        assertThat(List.copyOf(JSON.readTree(fetched.body()).properties()).stream().map(e -> e.getKey()).toList())
                .containsExactly("id", "slug", "status", "title", "summary", "body", "author", "source", "sourceUrl", "tags",
                        "publishedAt", "createdAt", "updatedAt");
        assertThat(article.get("slug").asText()).isEqualTo("video-venezuelan-coup-attempt-underway-to-throw-out-dictator-maduro");
        assertThat(article.get("status").asText()).isEqualTo("published");
        assertThat(article.get("updatedAt").asText()).as("never edited").isEqualTo(article.get("createdAt").asText());
    }

    @Test
    void absentOptionalFieldsAreNullAndPublishedAtDefaultsToCreatedAt() throws IOException {
        JsonNode article = api.create(articleJson("Only a title", "and a body")).json();
        assertThat(article.get("summary").isNull()).isTrue();
        assertThat(article.get("author").isNull()).isTrue();
        assertThat(article.get("source").isNull()).isTrue();
        assertThat(article.get("sourceUrl").isNull()).isTrue();
        assertThat(article.get("tags")).isEmpty();
        assertThat(Instant.parse(article.get("publishedAt").asText())).isEqualTo(Instant.parse(article.get("createdAt").asText()));
    }

    @Test
    void unicodeIsStoredExactly() throws IOException {
        String title = "Ünïcødé 📰 \u2028 <b>&amp;</b> \"quoted\" \\ / \u0000?";
        String body = "العربية 中文 हिन्दी 👩‍👩‍👧 e\u0301 \uFEFF";
        ApiResponse created = api.create(articleJson(title, body));
        assertThat(created.status()).isEqualTo(201);
        JsonNode fetched = api.get(created.json().get("id").asText()).json();
        assertThat(fetched.get("title").asText()).isEqualTo(title.strip());
        assertThat(fetched.get("body").asText()).isEqualTo(body);
    }

    @Test
    void fetchHasAStrongETagAndRevalidates() throws IOException {
        String id = api.create(articleJson("ETag", "body")).json().get("id").asText();
        ApiResponse first = api.get(id);
        String etag = first.header("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(first.header("Cache-Control")).isEqualTo("public, max-age=60");

        ApiResponse notModified = api.call(ApiEvent.get(id).header("If-None-Match", etag));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).isEqualTo(etag);

        assertThat(api.call(ApiEvent.get(id).header("If-None-Match", "\"stale\"")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"01JDQ8Z3V4K9T2X7M5N6P8R0SA", "not-an-id", "01jdq8z3v4k9t2x7m5n6p8r0sa", "%00", "../ARTICLE"})
    void unknownOrMalformedIdsAre404(String id) {
        assertProblem(api.get(id), 404, "not-found");
    }

    @Test
    void wrongContentTypeIs415AndStoresNothing() {
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "")) {
            ApiEvent event = ApiEvent.create("{\"title\":\"t\",\"body\":\"b\"}");
            ApiResponse response = api.call(type.isEmpty() ? event.withoutHeader("content-type") : event.header("content-type", type));
            assertProblem(response, 415, "unsupported-media-type");
        }
        assertThat(api.call(ApiEvent.create("{\"title\":\"t\",\"body\":\"b\"}").header("content-type", "Application/JSON; charset=\"UTF-8\"")).status())
                .isEqualTo(201);
        assertThat(api.call(ApiEvent.create("{\"title\":\"t\",\"body\":\"b\"}").header("content-type", "application/json; version=1")).status())
                .isEqualTo(201);
    }

    @Test
    void bodiesOver400000BytesAre413() throws IOException {
        String json = articleJson("big", "x".repeat(400_000));
        assertProblem(api.create(json), 413, "payload-too-large");
        // 100,000 four-byte characters are within the body rule, and within 400,000 bytes only without the JSON around them
        assertProblem(api.create(articleJson("big", "📰".repeat(100_000))), 413, "payload-too-large");
        assertThat(api.create(articleJson("big", "📰".repeat(99_000))).status()).isEqualTo(201);
    }

    @Test
    void validationProblemsNameEveryField() {
        ApiResponse response = api.create("{\"title\":\"\",\"body\":7,\"id\":\"01JDQ8Z3V4K9T2X7M5N6P8R0SA\",\"tags\":[\"\\u0001\"]}");
        assertProblem(response, 400, "validation-failed");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("title", "body", "id", "tags[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{", "{\"title\":\"a\",\"title\":\"b\",\"body\":\"c\"}", "{\"title\":\"t\",\"body\":\"b\"}x"})
    void malformedJsonIs400(String body) {
        assertProblem(api.create(body), 400, "invalid-json");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xFF, '"', ',', '"', 'b', 'o', 'd', 'y', '"', ':', '"', 'b', '"', '}'};
        assertProblem(api.call(ApiEvent.create("").body(body)), 400, "invalid-json");
    }

    @Test
    void utf16BodiesAreNotUtf8() {
        byte[] utf16 = "{\"title\":\"t\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_16LE);
        assertProblem(api.call(ApiEvent.create("").body(utf16)), 400, "invalid-json");
    }

    @Test
    void deepNestingIs400() {
        assertProblem(api.create("{\"title\":" + "[".repeat(40) + "]".repeat(40) + "}"), 400, "invalid-json");
    }

    @Test
    void anAuthenticatedCallerWithoutAnAuthorIsCreditedByTheirNameClaim() {
        ApiResponse byClaim = api.call(ApiEvent.create("{\"title\":\"t\",\"body\":\"b\"}").claim("sub", "u1").claim("name", " Ana Reporter "));
        assertThat(byClaim.json().get("author").asText()).isEqualTo("Ana Reporter");
        ApiResponse explicit = api.call(ApiEvent.create("{\"title\":\"t\",\"body\":\"b\",\"author\":\"Desk\"}").claim("name", "Ana"));
        assertThat(explicit.json().get("author").asText()).isEqualTo("Desk");
        ApiResponse anonymous = api.create("{\"title\":\"t\",\"body\":\"b\"}");
        assertThat(anonymous.json().get("author").isNull()).isTrue();
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        assertProblem(api.call(ApiEvent.unrouted("GET", "/nothing")), 404, "not-found");
        ApiResponse putArticle = api.call(ApiEvent.unrouted("PUT", "/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA"));
        assertProblem(putArticle, 405, "method-not-allowed");
        assertThat(putArticle.header("Allow")).isEqualTo("DELETE, GET, PATCH");
        ApiResponse putArticles = api.call(ApiEvent.unrouted("PUT", "/articles"));
        assertProblem(putArticles, 405, "method-not-allowed");
        assertThat(putArticles.header("Allow")).isEqualTo("GET, POST");
    }
}
