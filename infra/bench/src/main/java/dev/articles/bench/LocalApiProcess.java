package dev.articles.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code articles-local.jar serve} as a child process on a free port, against the bench's own dynalite. Its
 * output is read all the time (a full pipe would stall it) for the Ready line and the Init Duration of
 * every cold start, as Lambda reports it in REPORT lines.
 */
public final class LocalApiProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("Ready: (http://\\S+)");
    private static final Pattern SEARCH = Pattern.compile("Search: OpenSearch at (http://\\S+)");
    private static final Pattern INIT = Pattern.compile("^\\[(\\w+)\\] REPORT .*Init Duration: ([0-9.]+) ms");
    private static final long READY_TIMEOUT_SECONDS = 120;

    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Map<String, BlockingQueue<Double>> initDurations = new ConcurrentHashMap<>();
    private volatile URI baseUrl;
    private volatile URI searchUrl;

    /** Where serve's output is copied (the search section keeps it: the indexer's lines), or null. */
    private final java.io.Writer log;

    private LocalApiProcess(Process process, java.io.Writer log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::read, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param dynamoEndpoint the bench's dynalite: serve creates the template's table there when absent
     */
    public static LocalApiProcess start(FunctionJdk jdk, Path localJar, Path projectRoot, URI dynamoEndpoint) {
        return start(jdk, localJar, projectRoot, dynamoEndpoint, List.of(), null);
    }

    /**
     * As {@link #start(FunctionJdk, Path, Path, URI)}, with more of serve's options (e.g. a template parameter), its
     * output copied to {@code log} unless null.
     */
    public static LocalApiProcess start(FunctionJdk jdk, Path localJar, Path projectRoot, URI dynamoEndpoint, List<String> options,
            Path log) {
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(), "-jar", localJar.toString(), "serve",
                "--port", "0", "--dynamodb-endpoint", dynamoEndpoint.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectRoot.toFile()).redirectErrorStream(true);
        // serve hands these on to the function JVMs when it uses an endpoint of ours.
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local-secret",
                "AWS_REGION", "us-east-1"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        try {
            LocalApiProcess serve = new LocalApiProcess(builder.start(),
                    log == null ? null : java.nio.file.Files.newBufferedWriter(log, StandardCharsets.UTF_8));
            if (!serve.ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS) || serve.baseUrl == null) {
                serve.close();
                throw new IllegalStateException("articles-local serve did not say Ready within " + READY_TIMEOUT_SECONDS + " s");
            }
            return serve;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + localJar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The OpenSearch node serve started ({@code --parameter Search=enabled}), as its startup lines name it. */
    public URI searchUrl() {
        if (searchUrl == null) {
            throw new IllegalStateException("serve named no search node (is Search enabled?)");
        }
        return searchUrl;
    }

    /** serve's process, for its children's figures (the search node's RSS). */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The Init Duration of the function's next cold start, waiting up to 10 s for its REPORT line. */
    public double nextInitDuration(String functionLogicalId) {
        try {
            Double ms = queue(functionLogicalId).poll(10, TimeUnit.SECONDS);
            if (ms == null) {
                throw new IllegalStateException("no REPORT line with an Init Duration from " + functionLogicalId);
            }
            return ms;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** How many cold starts of the function were reported and not yet taken. */
    public int pendingInitDurations(String functionLogicalId) {
        return queue(functionLogicalId).size();
    }

    public void clearInitDurations() {
        initDurations.values().forEach(BlockingQueue::clear);
    }

    private BlockingQueue<Double> queue(String function) {
        return initDurations.computeIfAbsent(function, f -> new LinkedBlockingQueue<>());
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (log != null) {
                    log.write(line + "\n");
                    log.flush();
                }
                Matcher init = INIT.matcher(line);
                if (init.find()) {
                    queue(init.group(1)).add(Double.parseDouble(init.group(2)));
                } else if (searchUrl == null && SEARCH.matcher(line).find()) {
                    Matcher search = SEARCH.matcher(line);
                    searchUrl = search.find() ? URI.create(search.group(1)) : null;
                } else if (baseUrl == null) {
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        baseUrl = URI.create(ready.group(1));
                        this.ready.countDown();
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            ready.countDown();
            if (log != null) {
                try {
                    log.close();
                } catch (IOException ignored) {
                    // nothing more to copy
                }
            }
        }
    }

    /** SIGTERM: serve stops its function JVMs itself (a JVM recording an AOT cache writes it first). */
    @Override
    public void close() {
        process.toHandle().destroy(); // not Process.destroy(): that closes our end of its output while it still writes
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
