package dev.articles.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's {@code chromium}, headless, driven over the Chrome DevTools Protocol (a WebSocket, JSON messages) with
 * the JDK's own client: navigate, evaluate JavaScript in the page, take a screenshot. Enough for a page test, with
 * nothing but the browser to install.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, URI debugger) {
        this.process = process;
        this.socket = HTTP.newWebSocketBuilder().buildAsync(debugger, new Listener()).join();
    }

    /** The browser on the PATH: chromium (Debian), else chromium-browser or google-chrome. */
    static Optional<Path> executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts it with a fresh profile in {@code profile} and a 1280 px wide window; its log goes there too. */
    static HeadlessChromium start(Path executable, Path profile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,1600",
                "about:blank").redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort"); // written once it listens: the port, then the browser's path
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium did not start; see " + profile.resolveSibling("chromium.log"));
            }
            Thread.sleep(100);
        }
        URI list = URI.create("http://127.0.0.1:" + Files.readAllLines(portFile).getFirst().trim() + "/json/list");
        String targets = HTTP.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString()).body();
        for (Object target : (List<?>) PlainJson.parse(targets.getBytes(StandardCharsets.UTF_8))) {
            Map<?, ?> t = (Map<?, ?>) target;
            if ("page".equals(t.get("type"))) {
                return new HeadlessChromium(process, URI.create((String) t.get("webSocketDebuggerUrl")));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("chromium has no page: " + targets);
    }

    void navigate(URI url) {
        send("Page.navigate", Map.of("url", url.toString()));
    }

    /** The value of a JavaScript expression in the page (a promise is awaited); JSON values only. */
    Object evaluate(String expression) {
        Map<String, Object> result = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.containsKey("exceptionDetails")) {
            throw new IllegalStateException("the page threw evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return ((Map<?, ?>) result.get("result")).get("value");
    }

    /** Waits until the expression is true in the page. */
    void await(String expression, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(evaluate(expression))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true after " + timeout + ": " + expression);
            }
            Thread.sleep(200);
        }
    }

    /** A PNG of what the window shows. */
    byte[] screenshot() {
        return Base64.getDecoder().decode((String) send("Page.captureScreenshot", Map.of("format", "png")).get("data"));
    }

    private Map<String, Object> send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        socket.sendText(new String(PlainJson.write(message), StandardCharsets.UTF_8), true).join();
        try {
            Map<String, Object> reply = answer.get(60, TimeUnit.SECONDS);
            if (reply.containsKey("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return Http.map(reply.get("result"));
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(method + ": " + e, e);
        }
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Puts each answer (a message with an id) where its request waits; events are not used. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                Map<String, Object> parsed = Http.map(PlainJson.parse(message.toString().getBytes(StandardCharsets.UTF_8)));
                message.setLength(0);
                if (parsed.get("id") instanceof Number id) {
                    CompletableFuture<Map<String, Object>> waiting = pending.remove(id.intValue());
                    if (waiting != null) {
                        waiting.complete(parsed);
                    }
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(new UncheckedIOException(new IOException(error))));
        }
    }
}
