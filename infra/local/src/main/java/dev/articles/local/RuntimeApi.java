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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API for one function instance, on its own loopback port (the runtime client knows no
 * instance id, only AWS_LAMBDA_RUNTIME_API). /next blocks while the instance is idle and hands out the next
 * event with the headers the runtime client needs; /response, /error and /init/error complete it.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";

    private final String functionArn;
    private final int timeoutSeconds;
    private final Listener listener;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>(1);
    private volatile Invocation current;
    private volatile String lastRequestId;
    private volatile boolean asked;
    private volatile boolean closed;

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
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String address() {
        return server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Queues the event for /next; the instance runs one invocation at a time. */
    void offer(Invocation invocation) {
        if (!pending.offer(invocation)) {
            throw new IllegalStateException("an invocation is already pending on this instance");
        }
    }

    /** The request id of the invocation in progress or, between invocations, of the last one; null before the first. */
    String lastRequestId() {
        return lastRequestId;
    }

    /** Ends the invocations still pending or running with {@code result} (the instance is gone). */
    void abandon(InvocationResult result) {
        Invocation waiting = pending.poll();
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
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("invocation/next") && exchange.getRequestMethod().equals("GET")) {
                next(exchange);
            } else if (path.equals("init/error")) {
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

    private void next(HttpExchange exchange) throws IOException {
        if (!asked) {
            asked = true;
            listener.ready();
        }
        Invocation invocation = null;
        while (invocation == null && !closed) {
            try {
                invocation = pending.poll(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
        }
        if (invocation == null) {
            // A non-2xx /next makes the runtime client exit: what we want from an instance being stopped.
            send(exchange, 500, "{\"errorMessage\":\"instance stopped\",\"errorType\":\"Stopped\"}");
            return;
        }
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
        exchange.sendResponseHeaders(200, invocation.event.length == 0 ? -1 : invocation.event.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(invocation.event);
        }
        invocation.delivered.complete(deadline);
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
