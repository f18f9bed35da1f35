package dev.articles.local;

import dev.articles.template.ResolvedJars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code serve} as a separate process, as a developer runs it: started from the test class path, stopped with
 * SIGTERM. Keeps everything it prints, so tests can read the Lambda log lines.
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("^Ready: (http://\\S+)");
    private static final Pattern DYNAMODB = Pattern.compile("DynamoDB: \\w+ at (http://\\S+),");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final CompletableFuture<URI> ready = new CompletableFuture<>();
    private volatile URI dynamoDbEndpoint;

    private ServeProcess(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(this::read);
    }

    /** Starts {@code serve --port 0 <arguments>} and waits until it is ready. */
    static ServeProcess start(Path workingDirectory, String... arguments) {
        ServeProcess serve = launch(workingDirectory, arguments);
        try {
            serve.ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            serve.close();
            throw new IllegalStateException("serve did not get ready; it printed:\n" + serve.output(), e);
        }
        return serve;
    }

    /** Starts {@code serve --port 0 <arguments>} without waiting (for a start that is meant to fail). */
    static ServeProcess launch(Path workingDirectory, String... arguments) {
        if (!List.of(arguments).contains("--template")) {
            ResolvedJars.requireTemplateJars(workingDirectory); // the project's functions: the jars Maven built
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dproject.root=" + System.getProperty("project.root"),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0"));
        command.addAll(List.of(arguments));
        try {
            return new ServeProcess(new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    URI baseUrl() {
        return ready.join();
    }

    URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    long pid() {
        return process.pid();
    }

    /** Every process it started that is still running (function JVMs, dynalite). */
    List<ProcessHandle> descendants() {
        return process.descendants().filter(ProcessHandle::isAlive).toList();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits for it to exit on its own; returns the exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("serve did not exit; it printed:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, as a terminal's kill or a service manager sends, and waits for it to finish cleaning up. */
    @Override
    public void close() {
        process.toHandle().destroy(); // not Process.destroy(): that also closes our end of its output, unread
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                }
                Matcher db = DYNAMODB.matcher(line);
                if (db.find()) {
                    dynamoDbEndpoint = URI.create(db.group(1));
                }
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    ready.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException ignored) {
            // the process ended
        }
        ready.completeExceptionally(new IllegalStateException("serve exited"));
    }
}
