package dev.articles.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The real AWS SDK v2, through the proxy, against the test database (dynalite unless told otherwise). */
class FaultProxyIT {

    private static String table;
    private FaultProxy proxy;

    @BeforeAll
    static void createTable() {
        table = TestDatabase.shared().newTable();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(TestDatabase.shared().endpoint());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    /** A client with {@code maxAttempts} attempts (1: no retry) and a short fixed backoff, so tests stay quick. */
    private DynamoDbClient client(int maxAttempts, Duration attemptTimeout) {
        var backoff = BackoffStrategy.fixedDelay(Duration.ofMillis(5));
        var retry = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(maxAttempts)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .build();
        return DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(LocalDynamoDb.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY_ID, LocalDynamoDb.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(retry).apiCallAttemptTimeout(attemptTimeout))
                .build();
    }

    private DynamoDbClient client(int maxAttempts) {
        return client(maxAttempts, null);
    }

    private static void put(DynamoDbClient client, String pk, String sk) {
        client.putItem(p -> p.tableName(table).item(Map.of("pk", s(pk), "sk", s(sk))));
    }

    private static boolean exists(DynamoDbClient client, String pk, String sk) {
        return client.getItem(g -> g.tableName(table).key(Map.of("pk", s(pk), "sk", s(sk))).consistentRead(true))
                .hasItem();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    @Test
    void passesRequestsAndDynamoDbErrorsThroughUnchanged() {
        try (var client = client(1)) {
            put(client, "pass", "ARTICLE");

            assertThat(exists(client, "pass", "ARTICLE")).isTrue();
            // An error dynalite makes itself arrives as the SDK's modelled exception too.
            assertThatThrownBy(() -> client.getItem(g -> g.tableName("NoSuchTable").key(Map.of("pk", s("x")))))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(1, 0));
        assertThat(proxy.counts("GetItem")).isEqualTo(new OperationCounts(2, 0));
    }

    @Test
    void afterLetsTheFirstMatchingRequestsPassThenFailsEveryOneAfter() {
        proxy.inject(Fault.throttling().on("PutItem").after(2));

        try (var client = client(1)) {
            put(client, "first", "ARTICLE");
            put(client, "second", "ARTICLE");
            assertThatThrownBy(() -> put(client, "third", "ARTICLE")).isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThatThrownBy(() -> put(client, "fourth", "ARTICLE")).isInstanceOf(ProvisionedThroughputExceededException.class);

            assertThat(exists(client, "second", "ARTICLE")).isTrue();
            assertThat(exists(client, "third", "ARTICLE")).isFalse();
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(4, 2));
    }

    @Test
    void sdkRetriesThrottlingAndSucceeds() {
        proxy.inject(Fault.throttling().on("PutItem").times(2));

        try (var client = client(3)) {
            put(client, "retried", "ARTICLE");

            assertThat(exists(client, "retried", "ARTICLE")).isTrue();
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(3, 2));
        assertThat(proxy.counts("GetItem")).isEqualTo(new OperationCounts(1, 0));
    }

    @Test
    void sdkGivesUpWithTheRealExceptionWhenThrottlingOutlastsItsAttempts() {
        proxy.inject(Fault.throttling().on("PutItem"));

        try (var client = client(3)) {
            assertThatThrownBy(() -> put(client, "throttled", "ARTICLE"))
                    .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.isThrottlingException()).isTrue();
                        assertThat(e.requestId()).hasSize(52);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                    });
            proxy.clear();
            assertThat(exists(client, "throttled", "ARTICLE")).isFalse();
        }
    }

    @Test
    void faultsOnlyTheRequestWhoseBodyMatches() {
        proxy.inject(Fault.throttling().on("PutItem").matching("\"ARTICLE\"").times(1));

        try (var client = client(1)) {
            put(client, "matching", "TAG#news");
            assertThatThrownBy(() -> put(client, "matching", "ARTICLE"))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            put(client, "matching", "ARTICLE"); // times(1): used up

            assertThat(exists(client, "matching", "TAG#news")).isTrue();
            assertThat(exists(client, "matching", "ARTICLE")).isTrue();
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(3, 1));
    }

    @Test
    void eachMarkerCountsTheRequestsItHit() {
        Fault tags = Fault.delay(Duration.ZERO).on("PutItem").matching("\"TAG#");
        Fault articles = Fault.delay(Duration.ZERO).on("PutItem").matching("\"ARTICLE\"");
        proxy.inject(tags);
        proxy.inject(articles);

        try (var client = client(1)) {
            put(client, "markers", "TAG#news");
            put(client, "markers", "TAG#sport");
            put(client, "markers", "ARTICLE");
            put(client, "markers", "OTHER");
        }
        assertThat(proxy.hits(tags)).isEqualTo(2);
        assertThat(proxy.hits(articles)).isEqualTo(1);
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(4, 3));
    }

    @Test
    void throttlingExceptionIsAThrottleTheSdkRecognises() {
        proxy.inject(Fault.throttlingException().on("GetItem"));

        try (var client = client(1)) {
            assertThatThrownBy(() -> exists(client, "any", "ARTICLE"))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        assertThat(e.isThrottlingException()).isTrue();
                    });
        }
    }

    @Test
    void serverErrorsAreRetried() {
        proxy.inject(Fault.internalServerError().on("PutItem").times(1));
        proxy.inject(Fault.serviceUnavailable().on("PutItem").times(1));

        try (var client = client(3)) {
            put(client, "server-errors", "ARTICLE");
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(3, 2));
    }

    @Test
    void serverErrorsSurfaceWithTheirStatus() {
        try (var client = client(1)) {
            proxy.inject(Fault.internalServerError().times(1));
            assertThatThrownBy(() -> exists(client, "any", "ARTICLE"))
                    .isInstanceOfSatisfying(InternalServerErrorException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(500));

            proxy.inject(Fault.serviceUnavailable().times(1));
            assertThatThrownBy(() -> exists(client, "any", "ARTICLE"))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(503);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                    });
        }
    }

    @Test
    void droppedConnectionIsAClientErrorThatIsRetried() {
        try (var client = client(1)) {
            proxy.inject(Fault.dropConnection().on("PutItem"));
            assertThatThrownBy(() -> put(client, "dropped", "ARTICLE")).isInstanceOf(SdkClientException.class);
        }
        proxy.clear();
        proxy.inject(Fault.dropConnection().on("PutItem").times(1));
        try (var client = client(2)) {
            put(client, "dropped", "ARTICLE");

            assertThat(exists(client, "dropped", "ARTICLE")).isTrue();
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(2, 1));
    }

    @Test
    void droppedConnectionEndsWithoutAByteOfAnswer() throws Exception {
        proxy.inject(Fault.dropConnection().times(1));

        try (var socket = new Socket(proxy.endpoint().getHost(), proxy.endpoint().getPort())) {
            socket.getOutputStream().write(("POST / HTTP/1.1\r\nHost: dynamodb.us-east-1.amazonaws.com\r\n"
                    + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);

            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
    }

    /**
     * What the SDK signed (Host as it sent it, the target, its other headers and the body) reaches the engine as
     * sent, nothing added, and the engine's status, headers and body come back as they were.
     */
    @Test
    void forwardsTheRequestAndTheAnswerAsTheyWere() throws Exception {
        String body = "{\"TableName\":\"t\"}";
        String head = "POST / HTTP/1.1\r\n"
                + "Host: dynamodb.us-east-1.amazonaws.com\r\n"
                + "X-Amz-Target: DynamoDB_20120810.GetItem\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Date: 20240101T000000Z\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/dynamodb/aws4_request\r\n"
                + "User-Agent: aws-sdk-java/2\r\n"
                + "amz-sdk-invocation-id: 42\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n";
        String answerBody = "{\"Item\":{}}";
        String answer = "HTTP/1.1 200 OK\r\n"
                + "Server: Engine\r\n"
                + "Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                + "x-amzn-RequestId: ABC\r\n"
                + "x-amz-crc32: 123\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "Content-Length: " + answerBody.length() + "\r\n\r\n";
        try (var engine = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            proxy.retarget(URI.create("http://127.0.0.1:" + engine.getLocalPort()));
            var received = CompletableFuture.supplyAsync(() -> {
                try (Socket upstream = engine.accept()) {
                    upstream.setSoTimeout(10_000);
                    byte[] request = readMessage(upstream.getInputStream(), head.length() + body.length());
                    upstream.getOutputStream().write((answer + answerBody).getBytes(StandardCharsets.US_ASCII));
                    upstream.getOutputStream().flush();
                    upstream.getInputStream().read(); // until the proxy closes: it must have read the whole answer
                    return new String(request, StandardCharsets.US_ASCII);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (var client = new Socket(proxy.endpoint().getHost(), proxy.endpoint().getPort())) {
                client.setSoTimeout(10_000);
                client.getOutputStream().write((head + body).getBytes(StandardCharsets.US_ASCII));

                String got = new String(readMessage(client.getInputStream(), answer.length() + answerBody.length()),
                        StandardCharsets.US_ASCII);
                assertThat(got).isEqualTo(answer + answerBody);
            }
            proxy.close();
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo(head + body);
        }
    }

    private static byte[] readMessage(InputStream in, int length) throws IOException {
        byte[] message = in.readNBytes(length);
        assertThat(message).as("a message of %d bytes", length).hasSize(length);
        return message;
    }

    @Test
    void delayedAnswerStillArrives() {
        proxy.inject(Fault.delay(Duration.ofMillis(50)).on("PutItem").times(1));

        try (var client = client(1)) {
            put(client, "delayed", "ARTICLE");

            assertThat(exists(client, "delayed", "ARTICLE")).isTrue();
        }
        assertThat(proxy.counts("PutItem")).isEqualTo(new OperationCounts(1, 1));
    }

    @Test
    void delayLongerThanTheAttemptTimeoutTimesOut() {
        // The delay only bounds the answer from below, so the 100 ms timeout fires first however slow the machine.
        proxy.inject(Fault.delay(Duration.ofSeconds(30)).on("GetItem"));

        try (var client = client(1, Duration.ofMillis(100))) {
            assertThatThrownBy(() -> exists(client, "slow", "ARTICLE"))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
        }
    }

    @Test
    void clearRemovesFaultsAndCounters() {
        proxy.inject(Fault.throttling());
        try (var client = client(1)) {
            assertThatThrownBy(() -> exists(client, "x", "ARTICLE")).isInstanceOf(ProvisionedThroughputExceededException.class);

            proxy.clear();

            assertThat(proxy.counts()).isEmpty();
            assertThat(exists(client, "x", "ARTICLE")).isFalse();
        }
    }

    @Test
    void retargetSendsLaterRequestsElsewhereOnTheSamePort() throws Exception {
        URI endpoint = proxy.endpoint();
        URI nowhere;
        try (var closed = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + closed.getLocalPort()); // nothing listens there once closed
        }
        try (var client = client(1)) {
            put(client, "moved", "ARTICLE");
            proxy.retarget(nowhere);
            assertThatThrownBy(() -> exists(client, "moved", "ARTICLE"))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(502));
            proxy.retarget(TestDatabase.shared().endpoint());
            assertThat(exists(client, "moved", "ARTICLE")).isTrue();
        }
        assertThat(proxy.endpoint()).isEqualTo(endpoint);
        assertThatThrownBy(() -> proxy.retarget(URI.create("https://example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlEndpointInjectsReportsAndClears() throws Exception {
        var http = HttpClient.newHttpClient();
        URI faults = proxy.endpoint().resolve("/__faults");

        var armed = http.send(HttpRequest.newBuilder(URI.create(faults + "?fault=throttling&operation=PutItem"
                + "&matching=%22ARTICLE%22&times=1")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(armed.statusCode()).isEqualTo(204);
        try (var client = client(1)) {
            put(client, "control", "TAG#x");
            assertThatThrownBy(() -> put(client, "control", "ARTICLE"))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
        }

        var counts = http.send(HttpRequest.newBuilder(faults).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(counts.statusCode()).isEqualTo(200);
        assertThat(counts.body()).isEqualTo("{\"PutItem\":{\"requests\":2,\"faults\":1}}");

        var cleared = http.send(HttpRequest.newBuilder(faults).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(proxy.counts()).isEmpty();
    }

    @Test
    void controlEndpointRejectsBadDescriptions() throws Exception {
        var http = HttpClient.newHttpClient();
        for (String query : new String[] {"fault=meteor", "fault=delay", "fault=drop&times=0", "fault=drop&times=x",
                "fault=drop&operaton=PutItem"}) {
            var response = http.send(HttpRequest.newBuilder(URI.create(proxy.endpoint() + "/__faults?" + query))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(query).isEqualTo(400);
        }
        assertThat(proxy.counts()).isEmpty();
    }
}
