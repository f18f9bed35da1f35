package dev.articles.opensearch;

import com.sun.net.httpserver.HttpServer;
import dev.articles.core.Environment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process HTTP server standing in for the engine, one per test ({@code @RegisterExtension}): it records each
 * request, and answers each with the next answer queued for its route ({@code "METHOD /path"}, the query left out),
 * or with the default answer when none is queued (500 naming the route, unless {@link #byDefault} says otherwise).
 */
final class EngineStandIn implements BeforeEachCallback, AfterEachCallback {

    /** A request as the engine received it; {@code target} is the path with its query. */
    record Request(String method, String target, Map<String, List<String>> headers, String body) {

        /** {@code "METHOD target body"}: a request to compare at a glance. */
        String line() {
            return method + " " + target + " " + body;
        }
    }

    private record Answer(int status, String body) {}

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Answer>> answers = new ConcurrentHashMap<>();
    private volatile Answer byDefault;
    private HttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Queue<Answer> queued = answers.get(route);
            Answer answer = queued == null ? null : queued.poll();
            if (answer == null) {
                answer = byDefault != null ? byDefault : new Answer(500, "{\"unexpected\":\"" + route + "\"}");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }

    /** The answer to any request with none queued for its route. */
    EngineStandIn byDefault(int status, String body) {
        byDefault = new Answer(status, body);
        return this;
    }

    /** Queues the answer to the next request on {@code route}, e.g. {@code "POST /articles/_search"}. */
    void answer(String route, int status, String body) {
        answers.computeIfAbsent(route, r -> new ConcurrentLinkedQueue<>()).add(new Answer(status, body));
    }

    /** The requests received so far, in order. */
    List<Request> requests() {
        return requests;
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A function's client of this engine (its SigV4 credentials made up). */
    OpenSearchClient client() {
        return client(endpoint());
    }

    static OpenSearchClient client(String endpoint) {
        return OpenSearchClient.create(new Environment(Map.of(
                OpenSearchClient.ENDPOINT, endpoint,
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret"))).orElseThrow();
    }

    /** Stops answering: the engine unreachable. */
    void stop() {
        server.stop(0);
    }
}
