package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestContext;
import dev.articles.core.RequestDeadline;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.dynalite.TestDatabase;
import dev.articles.faultproxy.Fault;
import dev.articles.faultproxy.FaultProxy;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DynamoDB faults, produced for real by a proxy in front of the engine: throttling becomes a 503 with
 * Retry-After after the SDK's bounded retries, a passing fault is retried away, and a create that fails
 * midway leaves nothing visible.
 */
class FaultsIT {

    static FaultProxy proxy;
    static TestApi direct;
    static TestApi faulty;
    static String articleId;

    @BeforeAll
    static void start() {
        Environment env = TestEnvironments.freshTable();
        proxy = FaultProxy.start(TestDatabase.shared().endpoint());
        direct = new TestApi(env);
        faulty = new TestApi(TestEnvironments.via(env, proxy.endpoint()));
        articleId = direct.create("{\"title\":\"there\",\"body\":\"b\",\"tags\":[\"kept\"]}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @AfterEach
    void clear() {
        proxy.clear();
    }

    static Stream<Arguments> faultsAndRoutes() {
        Function<TestApi, ApiResponse> create = api -> api.create("{\"title\":\"t\",\"body\":\"b\",\"tags\":[\"fault\"]}");
        Function<TestApi, ApiResponse> get = api -> api.get(articleId);
        Function<TestApi, ApiResponse> list = api -> api.list("tag=kept");
        return Stream.of(Fault.throttling(), Fault.throttlingException(), Fault.internalServerError(),
                        Fault.serviceUnavailable(), Fault.dropConnection())
                .flatMap(fault -> Stream.of(Arguments.of(fault, "create", create), Arguments.of(fault, "get", get),
                        Arguments.of(fault, "list", list)));
    }

    @ParameterizedTest(name = "{1} under {0}")
    @MethodSource("faultsAndRoutes")
    void persistentFaultsAre503WithRetryAfter(Fault fault, String route, Function<TestApi, ApiResponse> call) {
        proxy.inject(fault);
        ApiResponse response = call.apply(faulty);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:articles:problem:service-unavailable");
        assertThat(response.body()).doesNotContain("Exception", "dynamodb", "amazon", "Throttl");
        proxy.clear();
        assertThat(direct.list("tag=fault").json().get("items")).isEmpty();
    }

    @ParameterizedTest(name = "{1} after one {0}")
    @MethodSource("faultsAndRoutes")
    void passingFaultsAreRetriedAway(Fault fault, String route, Function<TestApi, ApiResponse> call) {
        proxy.inject(fault.times(1));
        assertThat(call.apply(faulty).status()).isLessThan(300);
    }

    @Test
    void aCreateThatFailsAtItsCommitLeavesNothingVisible() {
        // Tag entries are written; the article item, the commit point, is throttled on every attempt.
        proxy.inject(Fault.throttling().on("PutItem").matching("\"S\":\"ARTICLE\""));
        ApiResponse response = faulty.create("{\"title\":\"half\",\"body\":\"b\",\"author\":\"Half\",\"tags\":[\"half\",\"way\"]}");
        assertThat(response.status()).isEqualTo(503);
        assertThat(proxy.counts("PutItem").faults()).isPositive();
        proxy.clear();

        assertThat(direct.list("tag=half").json().get("items")).isEmpty();
        assertThat(direct.list("tag=way&author=Half").json().get("items")).isEmpty();
        assertThat(direct.list("author=Half").json().get("items")).isEmpty();
        assertThat(direct.list("limit=100").json().get("items")).extracting(i -> i.get("title").asText()).doesNotContain("half");
        // ...though the pending tag entries are in the table: readers skip them.
        assertThat(direct.dynamo().query(q -> q.tableName(direct.table()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(java.util.Map.of(":pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("TAG#half"))))
                .items()).hasSize(1);
    }

    @Test
    void aFailedIdempotentCreateIsRetriedIntoTheSameArticle() {
        String body = "{\"title\":\"retry me\",\"body\":\"b\",\"tags\":[\"retried\"]}";
        proxy.inject(Fault.throttling().on("PutItem").matching("\"S\":\"ARTICLE\""));
        assertThat(faulty.call(ApiEvent.create(body).header("Idempotency-Key", "retry")).status()).isEqualTo(503);
        proxy.clear();
        ApiResponse retried = faulty.call(ApiEvent.create(body).header("Idempotency-Key", "retry"));
        assertThat(retried.status()).isEqualTo(201);
        assertThat(direct.list("tag=retried").json().get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("id").asText()).isEqualTo(retried.json().get("id").asText()));
    }

    @Test
    void aCreateWhoseTagEntriesStayPendingIsStillListed() {
        proxy.inject(Fault.throttling().on("UpdateItem"));
        ApiResponse created = faulty.create("{\"title\":\"pending\",\"body\":\"b\",\"tags\":[\"stays-pending\"]}");
        assertThat(created.status()).isEqualTo(201);
        proxy.clear();
        assertThat(direct.list("tag=stays-pending").json().get("items")).hasSize(1);
    }

    static Stream<Arguments> keyedWrites() {
        return Stream.of(
                Arguments.of("create", (Function<String, ApiEvent>) key -> ApiEvent.create(
                        "{\"title\":\"hangs\",\"body\":\"b\",\"tags\":[\"h1\",\"h2\",\"h3\"]}").header("Idempotency-Key", key)),
                Arguments.of("edit", (Function<String, ApiEvent>) key -> ApiEvent.edit(articleId,
                        "{\"title\":\"hangs\",\"tags\":[\"h1\",\"h2\"]}").header("If-Match", "*").header("Idempotency-Key", key)),
                Arguments.of("delete", (Function<String, ApiEvent>) key -> ApiEvent.delete(articleId)
                        .header("If-Match", "*").header("Idempotency-Key", key)));
    }

    /**
     * Every request hangs, in an invocation with 3 s left: the deadline, not the 4 s call timeout, ends the first
     * call (its timeout is what is left less the store's reserve), and the write answers 503 before Lambda would stop it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("keyedWrites")
    void aWriteWhoseEveryRequestHangsIs503BeforeTheDeadline(String write, Function<String, ApiEvent> request) {
        proxy.inject(Fault.delay(Duration.ofSeconds(60)));
        long started = System.nanoTime();
        ApiResponse response = faulty.call(request.apply("hang-" + write), new TestContext(3_000));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        proxy.clear();
        assertThat(direct.get(articleId).json().get("title").asText()).isEqualTo("there");
    }

    /**
     * Every request answers just inside the socket timeout (1.9 s): one after another, the six calls of a keyed edit
     * (claim, read, phase, commit, phase, complete) would take 11.4 s, past the function's 10 s. Bounded by the
     * deadline, the write ends before it, whichever call the time runs out in (503 before the commit, 200 after).
     */
    @Test
    void aWriteOfSlowCallsEndsBeforeTheFunctionTimesOut() {
        String id = direct.create("{\"title\":\"slow\",\"body\":\"b\",\"tags\":[\"s1\",\"s2\"]}").json().get("id").asText();
        proxy.inject(Fault.delay(Duration.ofMillis(1_900)));
        long started = System.nanoTime();
        ApiResponse response = faulty.call(ApiEvent.edit(id, "{\"title\":\"slower\",\"tags\":[\"s3\"]}")
                .header("If-Match", "*").header("Idempotency-Key", "slow-edit"), new TestContext());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).isIn(200, 503);
        assertThat(took).isLessThan(RequestDeadline.FUNCTION_TIMEOUT);
        proxy.clear();
        assertThat(direct.get(id).json().get("title").asText()).isEqualTo(response.status() == 200 ? "slower" : "slow");
    }

    @Test
    void slowAnswersBeyondTheTimeoutAre503() {
        proxy.inject(Fault.delay(Duration.ofSeconds(5)).on("GetItem"));
        assertThat(faulty.get(articleId).status()).isEqualTo(503);
    }
}
