package dev.articles.opensearch;

import dev.articles.core.Environment;
import dev.articles.core.store.StoreUnavailableException;
import dev.articles.dynamodb.AwsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * One signed HTTP call to the search engine. Amazon OpenSearch Service authorises each request by its SigV4
 * signature (service {@code es}), checked against the domain's access policy, which names the functions' roles; a
 * local node has no security plugin and ignores the signature, so the same code path runs everywhere.
 *
 * <p>No OpenSearch client library: the functions call four endpoints ({@code _search}, point in time,
 * {@code _bulk}, index creation), and the SDK the functions already load signs and sends them. A call that cannot be
 * answered (the engine unreachable, overloaded or timing out) is a {@link StoreUnavailableException}, a 503 with
 * Retry-After like a throttled table; every other answer is returned with its status for the caller to read.
 */
public final class OpenSearchClient {

    /** The engine's base URL: https://vpc-….es.amazonaws.com in AWS, http://127.0.0.1:9200 locally; empty: search off. */
    public static final String ENDPOINT = "SEARCH_ENDPOINT";
    /** The alias the indexer writes (moving it to a rebuilt index) and the search reads. */
    public static final String INDEX = "SEARCH_INDEX";
    public static final String DEFAULT_INDEX = "articles";
    static final String SERVICE = "es";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

    /** An answer: its status and body (JSON, possibly empty). */
    public record Response(int status, byte[] body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final URI endpoint;
    private final String region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    OpenSearchClient(URI endpoint, String region, AwsCredentialsProvider credentials, SdkHttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
        this.http = http;
    }

    /** The function's client, or none when the deployment has search off ({@value #ENDPOINT} empty or unset). */
    public static Optional<OpenSearchClient> create(Environment env) {
        return create(env, SOCKET_TIMEOUT);
    }

    /**
     * As {@link #create(Environment)}, waiting up to {@code socketTimeout} for an answer: the indexer's calls (a bulk
     * of a page, an index created) may take seconds where a search takes milliseconds.
     */
    public static Optional<OpenSearchClient> create(Environment env, Duration socketTimeout) {
        return env.optional(ENDPOINT).map(url -> new OpenSearchClient(
                URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                AwsEnvironment.region(env).id(),
                AwsEnvironment.credentialsProvider(env),
                UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(socketTimeout)
                        .build()));
    }

    /**
     * Sends {@code method path} with a JSON body (or none) and returns the answer, whatever its status but 429 and
     * 5xx, which mean the engine cannot answer now.
     *
     * @param path  the path and query after the endpoint, e.g. {@code /articles/_search}
     * @param body  the JSON (or NDJSON for {@code _bulk}) to send, or null
     * @throws StoreUnavailableException the engine could not be reached, timed out, or answered 429 or 5xx
     */
    public Response send(String method, String path, byte[] body) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(URI.create(endpoint + path));
        if (body != null) {
            request.putHeader("Content-Type", path.contains("_bulk") ? "application/x-ndjson" : "application/json");
        }
        ContentStreamProvider payload = body == null ? null : ContentStreamProvider.fromByteArray(body);
        SignedRequest signed = signer.sign(r -> r
                .identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(payload)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Response response;
        try {
            HttpExecuteResponse answer = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            response = new Response(answer.httpResponse().statusCode(), read(answer.responseBody()));
        } catch (IOException | UncheckedIOException e) {
            throw new StoreUnavailableException("search engine unreachable: " + method + " " + path, e);
        }
        if (response.status() == 429 || response.status() >= 500) {
            throw new StoreUnavailableException("search engine answered " + response.status() + " to " + method + " " + path, null);
        }
        return response;
    }

    private static byte[] read(Optional<? extends InputStream> body) throws IOException {
        if (body.isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = body.get()) {
            return in.readAllBytes();
        }
    }

    /** The alias the environment names ({@value #INDEX}), or {@value #DEFAULT_INDEX}. */
    public static String index(Environment env) {
        return env.optional(INDEX).orElse(DEFAULT_INDEX);
    }
}
