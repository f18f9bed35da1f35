package dev.articles.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Lambda Runtime API for one function instance, on its own loopback port (the runtime client knows no
 * instance id, only AWS_LAMBDA_RUNTIME_API). A /next while the instance is idle is held open and answered with
 * the next event and the headers the runtime client needs; /response, /error and /init/error complete it.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final String functionArn;
    private final int timeoutSeconds;
    private final Listener listener;
    private final HttpServer server;
    /** An event waiting for the runtime client's /next, or a /next waiting for an event: never both (guarded by this). */
    private Invocation pending;
    private HttpExchange waitingNext;
    private boolean closed;
    private boolean asked;
    private volatile Invocation current;
    private volatile String lastRequestId;

    /** What the instance hears from its runtime client. */
    interface Listener {
        /** The runtime client asked for its first event: its init is done. */
        void ready();

        /** The event is about to go out (before the function can print anything about it). */
        void delivering(Invocation invocation);
    }

    RuntimeApi(String functionName, int timeoutSeconds, Listener listener) {
        this.functionArn = "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
        this.timeoutSeconds = timeoutSeconds;
        this.listener = listener;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Runtime API port", e);
        }
        // No executor: handlers run on the server's own thread, as none of them waits (a /next without an event is
        // held, and offer() answers it from the caller's thread). A warm invocation then wakes no thread to hand
        // the event out and one fewer to hand the response back.
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Hands the event to the waiting /next, or keeps it for the next one; the instance runs one at a time. */
    void offer(Invocation invocation) {
        HttpExchange next;
        synchronized (this) {
            if (pending != null) {
                throw new IllegalStateException("an invocation is already pending on this instance");
            }
            next = waitingNext;
            waitingNext = null;
            if (next == null) {
                pending = invocation;
                return;
            }
        }
        deliver(next, invocation);
    }

    /** The request id of the invocation in progress or, between invocations, of the last one; null before the first. */
    String lastRequestId() {
        return lastRequestId;
    }

    /** Ends the invocations still pending or running with {@code result} (the instance is gone). */
    void abandon(InvocationResult result) {
        Invocation waiting;
        synchronized (this) {
            waiting = pending;
            pending = null;
        }
        if (waiting != null) {
            waiting.delivered.completeExceptionally(new IllegalStateException("instance gone"));
            waiting.result.complete(result);
        }
        Invocation running = current;
        if (running != null) {
            running.result.complete(result);
        }
    }

    @Override
    public void close() {
        HttpExchange next;
        synchronized (this) {
            closed = true;
            next = waitingNext;
            waitingNext = null;
        }
        if (next != null) {
            stop(next);
        }
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
            next(exchange); // closes the exchange when it answers, maybe later
            return;
        }
        try (exchange) {
            if (path.equals("init/error")) {
                abandon(new InvocationResult.FunctionError(body));
                accepted(exchange);
            } else if (path.startsWith("invocation/") && path.endsWith("/response")) {
                complete(exchange, path, "/response", new InvocationResult.Response(body));
            } else if (path.startsWith("invocation/") && path.endsWith("/error")) {
                complete(exchange, path, "/error", new InvocationResult.FunctionError(body));
            } else {
                send(exchange, 404, "{\"errorMessage\":\"unknown Runtime API path\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) {
        if (!asked) {
            asked = true;
            listener.ready();
        }
        Invocation invocation;
        boolean stopped;
        synchronized (this) {
            invocation = pending;
            pending = null;
            stopped = closed;
            if (invocation == null && !stopped) {
                waitingNext = exchange;
                return;
            }
        }
        if (stopped) {
            stop(exchange);
        } else {
            deliver(exchange, invocation);
        }
    }

    /** Answers a /next with the event. */
    private void deliver(HttpExchange exchange, Invocation invocation) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        current = invocation;
        lastRequestId = invocation.requestId;
        listener.delivering(invocation);
        var headers = exchange.getResponseHeaders();
        // Content-Type is not optional: the runtime client's native code crashes the JVM without it.
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        try (exchange) {
            exchange.sendResponseHeaders(200, invocation.event.length == 0 ? -1 : invocation.event.length);
            exchange.getResponseBody().write(invocation.event);
        } catch (IOException e) {
            invocation.delivered.completeExceptionally(e);
            invocation.result.complete(new InvocationResult.Crashed("the runtime client's connection broke: " + e));
            return;
        }
        invocation.delivered.complete(deadline);
    }

    /** A non-2xx /next makes the runtime client exit: what we want from an instance being stopped. */
    private static void stop(HttpExchange exchange) {
        try (exchange) {
            send(exchange, 500, "{\"errorMessage\":\"instance stopped\",\"errorType\":\"Stopped\"}");
        } catch (IOException gone) {
            // the runtime client is gone already
        }
    }

    private void complete(HttpExchange exchange, String path, String suffix, InvocationResult result) throws IOException {
        String requestId = path.substring("invocation/".length(), path.length() - suffix.length());
        Invocation running = current;
        if (running == null || !running.requestId.equals(requestId)) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        current = null;
        running.result.complete(result);
        accepted(exchange);
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An X-Ray style trace header, as Lambda passes one with every event. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(id);
        random.nextBytes(parent);
        HexFormat hex = HexFormat.of();
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.formatHex(id)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}
