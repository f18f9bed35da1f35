package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PATCH and DELETE /articles/{id} as the contract's edit, delete and "Writes in general" sections say. */
class EditDeleteIT {

    static final String ARTICLE = """
            {"title":"Coup attempt underway","body":"First reports.","summary":"s","author":"Ann","source":"AMN",
             "sourceUrl":"https://news.example.org/a","tags":["venezuela","politics"],"publishedAt":"2019-04-30T00:00:00Z"}""";

    static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.freshTable();
    }

    /** A new article; its id and ETag. */
    static String[] created(ApiEvent create) {
        ApiResponse response = api.call(create);
        assertThat(response.status()).isEqualTo(201);
        return new String[] {response.json().get("id").asText(), response.header("ETag")};
    }

    static String[] created() {
        return created(ApiEvent.create(ARTICLE));
    }

    static ApiResponse edit(String id, String etag, String patch) {
        return api.call(ApiEvent.edit(id, patch).header("If-Match", etag));
    }

    @Test
    void anEditReplacesTheFieldsItNamesAndGivesANewETag() {
        String[] a = created();
        ApiResponse edited = edit(a[0], a[1], "{\"title\":\"  Coup attempt fails \",\"summary\":null,\"tags\":[\"Politics\",\"military\"]}");

        assertThat(edited.status()).isEqualTo(200);
        JsonNode article = edited.json();
        assertThat(article.get("title").asText()).isEqualTo("Coup attempt fails");
        assertThat(article.get("summary").isNull()).isTrue();
        assertThat(article.get("tags").toString()).isEqualTo("[\"politics\",\"military\"]");
        assertThat(article.get("body").asText()).isEqualTo("First reports.");
        assertThat(article.get("author").asText()).isEqualTo("Ann");
        assertThat(article.get("updatedAt").asText()).isNotEqualTo(article.get("createdAt").asText());
        assertThat(edited.header("ETag")).isNotEqualTo(a[1]).startsWith("\"");
        ApiResponse fetched = api.get(a[0]);
        assertThat(fetched.body()).isEqualTo(edited.body());
        assertThat(fetched.header("ETag")).isEqualTo(edited.header("ETag"));
        // A stale If-None-Match gets the new version, never a 304.
        assertThat(api.call(ApiEvent.get(a[0]).header("If-None-Match", a[1])).status()).isEqualTo(200);
        assertThat(fetched.header("Cache-Control")).isEqualTo("public, max-age=60");
        assertThat(api.list("tag=venezuela").json().get("items").toString()).doesNotContain(a[0]);
        assertThat(api.list("tag=military").json().get("items").get(0).get("title").asText()).isEqualTo("Coup attempt fails");
        assertThat(api.list("tag=military&author=Ann").json().get("items").get(0).get("updatedAt").asText())
                .isEqualTo(article.get("updatedAt").asText());
    }

    @Test
    void anEditThatChangesNothingKeepsTheETagAndUpdatedAt() {
        String[] a = created();
        String before = api.get(a[0]).body();
        for (String patch : new String[] {"{}", "{\"title\":\"Coup attempt underway\",\"tags\":[\"VENEZUELA\",\"politics\"]}"}) {
            ApiResponse edited = edit(a[0], a[1], patch);
            assertThat(edited.status()).as(patch).isEqualTo(200);
            assertThat(edited.header("ETag")).isEqualTo(a[1]);
            assertThat(edited.body()).isEqualTo(before);
        }
        assertThat(api.get(a[0]).json().get("updatedAt").asText()).isEqualTo(api.get(a[0]).json().get("createdAt").asText());
    }

    @Test
    void ifMatchIsRequiredAndMustNameTheCurrentVersion() {
        String[] a = created();
        ApiResponse missing = api.call(ApiEvent.edit(a[0], "{\"title\":\"x\"}"));
        assertThat(missing.status()).isEqualTo(428);
        assertThat(missing.assertProblemDetails().json().get("type").asText()).isEqualTo("urn:articles:problem:precondition-required");
        assertThat(api.call(ApiEvent.delete(a[0])).status()).isEqualTo(428);

        ApiResponse first = edit(a[0], a[1], "{\"title\":\"first\"}");
        assertThat(first.status()).isEqualTo(200);
        ApiResponse stale = edit(a[0], a[1], "{\"title\":\"second\"}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.assertProblemDetails().json().get("type").asText()).isEqualTo("urn:articles:problem:precondition-failed");
        assertThat(api.call(ApiEvent.delete(a[0]).header("If-Match", a[1])).status()).isEqualTo(412);
        assertThat(edit(a[0], "W/" + first.header("ETag"), "{\"title\":\"weak\"}").status()).as("weak tags never match").isEqualTo(412);
        assertThat(api.get(a[0]).json().get("title").asText()).isEqualTo("first");

        assertThat(edit(a[0], "*", "{\"title\":\"any version\"}").status()).isEqualTo(200);
        assertThat(edit(a[0], "\"nope\", " + api.get(a[0]).header("ETag"), "{\"title\":\"listed\"}").status()).isEqualTo(200);
    }

    @Test
    void ofConcurrentEditsFromOneETagExactlyOneSucceeds() throws Exception {
        String[] a = created();
        int clients = 5;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                String patch = "{\"title\":\"edit " + i + "\",\"tags\":[\"race-" + i + "\"]}";
                statuses.add(threads.submit(() -> {
                    go.await();
                    return edit(a[0], a[1], patch).status();
                }));
            }
            go.countDown();
        }
        List<Integer> answers = new ArrayList<>();
        for (Future<Integer> status : statuses) {
            answers.add(status.get());
        }
        assertThat(answers).containsOnly(200, 412).filteredOn(s -> s == 200).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"title\":null}|title",
            "{\"body\":null}|body",
            "{\"publishedAt\":null}|publishedAt",
            "{\"title\":\"  \"}|title",
            "{\"tags\":[\"ok\",7]}|tags[1]",
            "{\"sourceUrl\":\"ftp://x\"}|sourceUrl",
            "{\"id\":\"01JDQ8Z3V4K9T2X7M5N6P8R0SA\"}|id",
            "{\"createdAt\":\"2019-04-30T00:00:00Z\"}|createdAt",
            "{\"updatedAt\":\"2019-04-30T00:00:00Z\"}|updatedAt",
            "{\"colour\":\"red\"}|colour"})
    void aPatchThatBreaksARuleIs400AndChangesNothing(String patch, String field) {
        String[] a = created();
        ApiResponse response = edit(a[0], a[1], patch);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.assertProblemDetails().errorFields()).contains(field);
        assertThat(api.get(a[0]).header("ETag")).isEqualTo(a[1]);
    }

    @Test
    void nullRemovesOptionalFieldsAndTagsNullMeansNone() {
        String[] a = created();
        JsonNode article = edit(a[0], a[1], "{\"summary\":null,\"author\":null,\"source\":null,\"sourceUrl\":null,\"tags\":null}").json();
        for (String field : new String[] {"summary", "author", "source", "sourceUrl"}) {
            assertThat(article.get(field).isNull()).as(field).isTrue();
        }
        assertThat(article.get("tags").toString()).isEqualTo("[]");
        assertThat(api.list("author=Ann").json().get("items").toString()).doesNotContain(a[0]);
    }

    @Test
    void mediaTypesBodiesAndIds() {
        String[] a = created();
        assertThat(api.call(ApiEvent.edit(a[0], "{\"title\":\"json\"}").header("content-type", "application/json")
                .header("If-Match", a[1])).status()).isEqualTo(200);
        String etag = api.get(a[0]).header("ETag");
        assertThat(api.call(ApiEvent.edit(a[0], "{}").header("content-type", "text/plain").header("If-Match", etag)).status()).isEqualTo(415);
        assertThat(api.call(ApiEvent.edit(a[0], "{}").withoutHeader("content-type").header("If-Match", etag)).status()).isEqualTo(415);
        assertThat(edit(a[0], etag, "[]").status()).isEqualTo(400);
        assertThat(edit(a[0], etag, "{\"title\":").status()).isEqualTo(400);
        assertThat(edit(a[0], etag, "[".repeat(40) + "]".repeat(40)).status()).isEqualTo(400);
        assertThat(edit(a[0], etag, "{\"body\":\"" + "x".repeat(400_001) + "\"}").status()).isEqualTo(413);
        assertThat(edit("01JDQ8Z3V4K9T2X7M5N6P8R0SA", "*", "{}").status()).isEqualTo(404);
        assertThat(edit("not-an-id", "*", "{}").status()).isEqualTo(404);
        assertThat(api.call(ApiEvent.delete("01JDQ8Z3V4K9T2X7M5N6P8R0SA").header("If-Match", "*")).status()).isEqualTo(404);
    }

    @Test
    void aDeletedArticleIsGoneEverywhere() {
        String[] a = created();
        ApiResponse deleted = api.call(ApiEvent.delete(a[0]).header("If-Match", a[1]));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        ApiResponse gone = api.get(a[0]);
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.assertProblemDetails().json().get("type").asText()).isEqualTo("urn:articles:problem:gone");
        assertThat(edit(a[0], "*", "{}").status()).isEqualTo(410);
        assertThat(api.call(ApiEvent.delete(a[0]).header("If-Match", "*")).status()).isEqualTo(410);
        for (String query : new String[] {"", "tag=politics", "author=Ann", "tag=venezuela&author=Ann"}) {
            assertThat(api.list(query).json().get("items").toString()).as(query).doesNotContain(a[0]);
        }
    }

    @Test
    void idempotentRetriesOfEditsAndDeletesGetTheFirstAnswer() {
        String[] a = created();
        ApiEvent edit = ApiEvent.edit(a[0], "{\"title\":\"once\"}").header("If-Match", a[1]).header("Idempotency-Key", "edit-1");
        ApiResponse first = api.call(edit);
        assertThat(first.status()).isEqualTo(200);
        ApiResponse again = api.call(ApiEvent.edit(a[0], "{\"title\":\"once\"}").header("If-Match", a[1]).header("Idempotency-Key", "edit-1"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body()).isEqualTo(first.body());
        ApiResponse other = api.call(ApiEvent.edit(a[0], "{\"title\":\"twice\"}").header("If-Match", "*").header("Idempotency-Key", "edit-1"));
        assertThat(other.status()).isEqualTo(422);
        // The same key on another method or path is another request.
        assertThat(api.call(ApiEvent.delete(a[0]).header("If-Match", "*").header("Idempotency-Key", "edit-1")).status()).isEqualTo(422);

        // A request whose key another request still holds: 409, nothing written.
        ApiEvent held = ApiEvent.edit(a[0], "{\"title\":\"held\"}").header("If-Match", "*").header("Idempotency-Key", "edit-held");
        new DynamoIdempotencyRecords(api.dynamo(), api.table()).claim(IdempotencyKey.of(Optional.of("edit-held"), "",
                "PATCH /articles/" + a[0], "{\"title\":\"held\"}".getBytes(StandardCharsets.UTF_8)).orElseThrow(), "another", Instant.now());
        assertThat(api.call(held).status()).isEqualTo(409);

        String etag = first.header("ETag");
        assertThat(api.call(ApiEvent.delete(a[0]).header("If-Match", etag).header("Idempotency-Key", "delete-1")).status()).isEqualTo(204);
        ApiResponse replayed = api.call(ApiEvent.delete(a[0]).header("If-Match", etag).header("Idempotency-Key", "delete-1"));
        assertThat(replayed.status()).isEqualTo(204);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void aKeyedRetryOfAnEditOrDeleteThatCommittedGetsTheFirstAnswer() {
        String[] a = created();
        // The edit committed, but its request stopped before completing its key (as if the function died then).
        String patch = "{\"title\":\"committed\"}";
        IdempotencyKey key = IdempotencyKey.of(Optional.of("lost-answer"), "", "PATCH /articles/" + a[0],
                patch.getBytes(StandardCharsets.UTF_8)).orElseThrow();
        new DynamoIdempotencyRecords(api.dynamo(), api.table()).claim(key, "died", Instant.now().minusSeconds(60));
        assertThat(edit(a[0], a[1], patch).status()).isEqualTo(200);
        ApiResponse retried = api.call(ApiEvent.edit(a[0], patch).header("If-Match", a[1]).header("Idempotency-Key", "lost-answer"));
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        // Without a key the same stale request is a conflict.
        assertThat(edit(a[0], a[1], patch).status()).isEqualTo(412);

        String etag = retried.header("ETag");
        IdempotencyKey deleteKey = IdempotencyKey.of(Optional.of("lost-delete"), "", "DELETE /articles/" + a[0], new byte[0]).orElseThrow();
        new DynamoIdempotencyRecords(api.dynamo(), api.table()).claim(deleteKey, "died", Instant.now().minusSeconds(60));
        assertThat(api.call(ApiEvent.delete(a[0]).header("If-Match", etag)).status()).isEqualTo(204);
        ApiResponse deleteRetried = api.call(ApiEvent.delete(a[0]).header("If-Match", etag).header("Idempotency-Key", "lost-delete"));
        assertThat(deleteRetried.status()).isEqualTo(204);
        assertThat(deleteRetried.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "owner|owner-sub||| 200",
            "editor by scope|someone-else|openid articles/edit||200",
            "editor by scp array|someone-else|[articles/edit other]||200",
            "editor by group|someone-else||[readers editors]|200",
            "other user|someone-else|openid|[readers]|403",
            "other user, scope of another API|someone-else|articles/edit-other||403"})
    void editsAndDeletesAreAllowedToTheOwnerAndEditors(String who, String sub, String scope, String groups, int status) {
        String[] a = created(ApiEvent.create(ARTICLE).claim("sub", "owner-sub"));
        ApiEvent edit = ApiEvent.edit(a[0], "{\"title\":\"by " + who + "\"}").header("If-Match", a[1]).claim("sub", sub);
        ApiEvent delete = ApiEvent.delete(a[0]).header("If-Match", a[1]).claim("sub", sub);
        if (scope != null) {
            edit.claim(scope.startsWith("[") ? "scp" : "scope", scope);
            delete.claim(scope.startsWith("[") ? "scp" : "scope", scope);
        }
        if (groups != null) {
            edit.claim("cognito:groups", groups);
            delete.claim("cognito:groups", groups);
        }
        ApiResponse deleteAnswer = api.call(delete.header("If-Match", "\"not-current\""));
        assertThat(deleteAnswer.status()).isEqualTo(status == 200 ? 412 : 403);
        ApiResponse answer = api.call(edit);
        assertThat(answer.status()).isEqualTo(status);
        if (status == 403) {
            assertThat(answer.assertProblemDetails().json().get("type").asText()).isEqualTo("urn:articles:problem:forbidden");
            assertThat(api.get(a[0]).header("ETag")).isEqualTo(a[1]);
        }
    }
}
