package dev.articles.dynamodb;

import dev.articles.core.Environment;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * Builds the one DynamoDB client of a function JVM with everything given, nothing discovered: region and
 * credentials from Lambda's environment (no provider chain walking profiles and metadata endpoints), the
 * JDK's URLConnection HTTP client (no Apache or Netty to load), and bounded timeouts and retries so that a
 * throttled or unreachable table becomes a 503 well within the function's timeout.
 */
public final class DynamoDbClients {

    static final int MAX_ATTEMPTS = 3;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
    static final String MAX_CONNECTIONS = "http.maxConnections";
    /** A local DynamoDB's URL (sam local's --env-vars); blank or unset in AWS. */
    static final String ENDPOINT = "DYNAMODB_ENDPOINT";

    private DynamoDbClients() {}

    public static DynamoDbClient create(Environment env) {
        keepPhaseConnections();
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(AwsEnvironment.region(env))
                .credentialsProvider(AwsEnvironment.credentialsProvider(env))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT)
                        .build())
                .overrideConfiguration(c -> c
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                        .apiCallTimeout(CALL_TIMEOUT));
        // Not AWS_ENDPOINT_URL_DYNAMODB: the SDK reads that itself (when set) and cannot build a client when it
        // is declared empty, as a template must declare it for `sam local --env-vars` to set it.
        env.optional(ENDPOINT).map(URI::create).ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * A write sends up to {@link Phase#CONCURRENCY} requests at once, but the JDK keeps only
     * {@code http.maxConnections} (default 5) idle keep-alive connections per host and closes the rest: every
     * phase would open new ones (in AWS, a TLS handshake each). Read once, at the first connection: set before it.
     */
    static void keepPhaseConnections() {
        if (System.getProperty(MAX_CONNECTIONS) == null) {
            System.setProperty(MAX_CONNECTIONS, Integer.toString(Phase.CONCURRENCY));
        }
    }
}
