package dev.articles.local;

import dev.articles.local.launcher.JdkFinder;
import dev.articles.local.launcher.Launcher;
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

    static final String RUNTIME_CLIENT_PROPERTY = "local.runtimeClient";
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
        List<String> command = mainCommand("serve", "--port", "0");
        command.addAll(List.of(arguments));
        return start(workingDirectory, command);
    }

    /** Runs {@code command} (a serve however started: the launcher jar, the main class) and waits until it is ready. */
    static ServeProcess start(Path workingDirectory, List<String> command) {
        ServeProcess serve = launch(workingDirectory, command);
        try {
            serve.ready.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            serve.close();
            throw new IllegalStateException("serve did not get ready; it printed:\n" + serve.output(), e);
        }
        String client = System.getProperty(RUNTIME_CLIENT_PROPERTY, "");
        if (!client.isBlank() && command.contains("serve") && !serve.output().contains("Functions run on the " + client + " runtime client")) {
            serve.close();
            throw new IllegalStateException("serve did not take --runtime-client " + client + "; it printed:\n"
                    + serve.output());
        }
        return serve;
    }

    /** Starts {@code serve --port 0 <arguments>} without waiting (for a start that is meant to fail). */
    static ServeProcess launch(Path workingDirectory, String... arguments) {
        if (!List.of(arguments).contains("--template")) {
            ResolvedJars.requireTemplateJars(workingDirectory); // the project's functions: the jars Maven built
        }
        List<String> command = mainCommand("serve", "--port", "0");
        command.addAll(List.of(arguments));
        return launch(workingDirectory, command);
    }

    private static ServeProcess launch(Path workingDirectory, List<String> command) {
        try {
            return new ServeProcess(new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code java ... Main <arguments>} from the test class path, ending with the test JVM (as under the launcher),
     * on the runtime client the system property {@value #RUNTIME_CLIENT_PROPERTY} names, when set: CI runs the
     * suites whose behaviour the client changes once more on the portable one ({@code -Dlocal.runtimeClient=portable},
     * .ci/run says which and why).
     */
    static List<String> mainCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                JdkFinder.javaExecutable(Path.of(System.getProperty("java.home"))).toString(),
                "-Dproject.root=" + System.getProperty("project.root"),
                "-D" + Launcher.EXIT_WITH_PARENT_PROPERTY + "=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(arguments));
        command.addAll(runtimeClientArguments());
        return command;
    }

    /** {@code --runtime-client X} when the system property names one, else nothing (serve's default). */
    static List<String> runtimeClientArguments() {
        String client = System.getProperty(RUNTIME_CLIENT_PROPERTY, "");
        return client.isBlank() ? List.of() : List.of("--runtime-client", client);
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

    /** SIGKILL (an IDE's stop button, the OOM killer): no shutdown hook of it runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
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
