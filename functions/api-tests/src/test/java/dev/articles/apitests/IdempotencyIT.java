package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyRecords;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TestDatabase;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.faultproxy.FaultProxy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyIT {

    static final String BODY = "{\"title\":\"Once\",\"body\":\"only once\",\"tags\":[\"once\"]}";

    TestApi api;

    @BeforeEach
    void table() {
        api = TestApi.freshTable();
    }

    ApiResponse create(String key, String body) {
        return api.call(ApiEvent.create(body).header("Idempotency-Key", key));
    }

    int articles() {
        return api.list("limit=100").json().get("items").size();
    }

    @Test
    void sameKeyAndBodyReplaysTheSameArticle() {
        ApiResponse first = create("key-1", BODY);
        ApiResponse again = create("key-1", BODY);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(articles()).isEqualTo(1);
        assertThat(api.list("tag=once").json().get("items")).hasSize(1);
    }

    @Test
    void sameKeyWithAnotherBodyIs422AndStoresNothing() {
        create("key-2", BODY);
        ApiResponse other = create("key-2", BODY.replace("Once", "Twice"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asText()).isEqualTo("urn:articles:problem:idempotency-key-reused");
        assertThat(articles()).isEqualTo(1);
    }

    @Test
    void differentKeysCreateDifferentArticles() {
        assertThat(create("a", BODY).json().get("id")).isNotEqualTo(create("b", BODY).json().get("id"));
        assertThat(articles()).isEqualTo(2);
    }

    @Test
    void keysAreScopedToTheAuthenticatedSubject() {
        ApiResponse alice = api.call(ApiEvent.create(BODY).header("Idempotency-Key", "k").claim("sub", "alice"));
        ApiResponse bob = api.call(ApiEvent.create(BODY).header("Idempotency-Key", "k").claim("sub", "bob"));
        assertThat(alice.json().get("id")).isNotEqualTo(bob.json().get("id"));
    }

    @Test
    void aKeyHeldByARunningRequestIs409() {
        DynamoIdempotencyRecords store = new DynamoIdempotencyRecords(api.dynamo(), api.table());
        IdempotencyKey key = key("held", BODY);
        store.claim(key, new ArticleIds().next(Instant.now()), Instant.now());
        ApiResponse response = create("held", BODY);
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(create("held", BODY.replace("Once", "Other")).status()).isEqualTo(422);
        assertThat(articles()).isZero();
    }

    @Test
    void aClaimWhoseRequestDiedIsTakenOverAndCreatesTheArticleItNamed() {
        DynamoIdempotencyRecords store = new DynamoIdempotencyRecords(api.dynamo(), api.table());
        Instant died = Instant.now().minusSeconds(60);
        String id = new ArticleIds().next(died);
        store.claim(key("crashed", BODY), id, died);
        ApiResponse response = create("crashed", BODY);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("id").asText()).isEqualTo(id);
        assertThat(response.json().get("createdAt").asText()).isEqualTo(died.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        assertThat(create("crashed", BODY).header("Idempotent-Replayed")).isEqualTo("true");
    }

    /**
     * A claim of a key that exists is answered from the refused conditional write itself (ALL_OLD): one request.
     * dynalite 4.0.0 ignores ReturnValuesOnConditionCheckFailure, so there the record is read after the refusal.
     */
    @Test
    void aKeyThatExistsIsAnsweredFromTheRefusedClaimItself() {
        Instant now = Instant.now();
        String id = new ArticleIds().next(now);
        new DynamoIdempotencyRecords(api.dynamo(), api.table()).claim(key("counted", BODY), id, now);
        try (FaultProxy proxy = FaultProxy.start(TestDatabase.shared().endpoint());
             DynamoDbClient counted = LocalDynamoDb.client(proxy.endpoint())) {
            IdempotencyRecords records = new DynamoIdempotencyRecords(counted, api.table());
            assertThat(records.claim(key("counted", BODY), id, now)).isEqualTo(new IdempotencyRecords.Claim(id, false));
            assertThatThrownBy(() -> records.claim(key("counted", BODY), new ArticleIds().next(now), now))
                    .isInstanceOf(IdempotencyKeyInProgressException.class);
            assertThat(proxy.counts("PutItem").requests()).isEqualTo(2);
            assertThat(proxy.counts("GetItem").requests()).isEqualTo(TestDatabase.shared().engineName().equals("dynalite") ? 2 : 0);
        }
    }

    @Test
    void aClaimRetriedAfterItsAnswerWasLostIsStillOurs() {
        DynamoIdempotencyRecords store = new DynamoIdempotencyRecords(api.dynamo(), api.table());
        Instant now = Instant.now();
        String id = new ArticleIds().next(now);
        assertThat(store.claim(key("lost", BODY), id, now)).isEqualTo(new IdempotencyRecords.Claim(id, false));
        assertThat(store.claim(key("lost", BODY), id, now)).isEqualTo(new IdempotencyRecords.Claim(id, false));
    }

    @Test
    void aRecordOlderThan24HoursNoLongerReplays() {
        DynamoIdempotencyRecords store = new DynamoIdempotencyRecords(api.dynamo(), api.table());
        Instant yesterday = Instant.now().minus(DynamoIdempotencyRecords.RETENTION).minusSeconds(1);
        String old = new ArticleIds().next(yesterday);
        store.claim(key("old", BODY), old, yesterday);
        store.complete(key("old", BODY));
        ApiResponse response = create("old", BODY.replace("Once", "New"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("id").asText()).isNotEqualTo(old);
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneArticle() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(() -> create("race", BODY));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<ApiResponse> f : pool.invokeAll(calls)) {
                ApiResponse r = f.get();
                statuses.add(r.status());
                if (r.status() == 201) {
                    ids.add(r.json().get("id").asText());
                }
            }
            assertThat(statuses).containsOnly(201, 409).contains(201);
            assertThat(ids.stream().distinct()).hasSize(1);
            assertThat(articles()).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "caf\u00e9", "tab\there", "line\nbreak"})
    void malformedKeysAre400(String key) {
        ApiResponse response = create(key, BODY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("Idempotency-Key");
        assertThat(articles()).isZero();
    }

    @Test
    void keyLengthLimitIs255() {
        assertThat(create("k".repeat(255), BODY).status()).isEqualTo(201);
        assertThat(create("k".repeat(256), BODY).status()).isEqualTo(400);
    }

    static IdempotencyKey key(String key, String body) {
        return IdempotencyKey.of(Optional.of(key), "", "POST /articles", body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }
}
