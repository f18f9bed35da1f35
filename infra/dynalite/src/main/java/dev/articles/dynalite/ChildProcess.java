package dev.articles.dynalite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child process that cannot outlive us: {@link #close()} ends it and its descendants (SIGTERM, then SIGKILL
 * after a grace period), and a shutdown hook does the same when the JVM exits first (Ctrl-C, SIGTERM,
 * System.exit). When we are killed outright no hook runs: then the child's stdin, a pipe only we hold, reaches
 * end-of-file, which children that watch it take as their signal to exit. Its stdout and stderr are merged and read line by line; the last lines are kept so a failure
 * can say what the process printed.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int KEPT_LINES = 40;
    private static final Duration GRACE = Duration.ofSeconds(3);
    /** Set when this JVM exits because its own parent is gone: children are then killed with no grace. */
    private static volatile boolean killAtExit;

    private final String name;
    private final Process process;
    private final Thread shutdownHook;
    private final Thread reader;
    private final Deque<String> recentLines = new ArrayDeque<>();
    private volatile Duration grace = GRACE;

    private ChildProcess(String name, Process process, Consumer<String> lines) {
        this.name = name;
        this.process = process;
        this.shutdownHook = new Thread(this::terminate, "stop " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.reader = Thread.ofPlatform().daemon().name(name + " output").start(() -> readLines(lines));
    }

    /**
     * @param environment added to (and overriding) this JVM's environment; a null value removes the variable
     * @param lines       receives every line the process prints (stdout and stderr), in order
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path workingDirectory, Consumer<String> lines) {
        return start(name, command, environment, true, workingDirectory, lines);
    }

    /** @param inheritEnvironment false to give the process only {@code environment}, as Lambda gives a function */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                                     boolean inheritEnvironment, Path workingDirectory, Consumer<String> lines) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        if (!inheritEnvironment) {
            builder.environment().clear();
        }
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            // Its stdin stays an open pipe that we never write: the OS closes it when we exit, however we exit
            // (SIGKILL included), and a child that watches for that end-of-file ends with us (ExitWithParent,
            // dynalite's exit-with-parent.cjs). A child that never reads stdin is not affected.
            return new ChildProcess(name, builder.start(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.getFirst() + "): " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Completes with the exit code once the process has exited, for whatever reason. */
    public java.util.concurrent.CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Waits for the process to exit on its own; returns its exit code, or -1 when it is still running. */
    public int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** The last lines it printed, joined, once everything printed so far has been read when it has exited. */
    public String recentOutput() {
        if (!process.isAlive()) {
            try {
                reader.join(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (recentLines) {
            return String.join("\n", recentLines);
        }
    }

    /** How long the process may take to exit after SIGTERM before it is killed, on close and at our exit. */
    public void stopGrace(Duration grace) {
        this.grace = grace;
    }

    /** From now on, the children still running when this JVM exits are killed outright (SIGKILL), not stopped. */
    public static void killAtExit() {
        killAtExit = true;
    }

    /** Ends the process and its descendants, waiting until they are gone. */
    @Override
    public void close() {
        terminate();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to unregister
        }
    }

    private void terminate() {
        List<ProcessHandle> family = new java.util.ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + (killAtExit ? 0 : grace.toNanos());
        for (ProcessHandle p : family) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                // children it started while stopping are killed with it
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        for (ProcessHandle p : family) {
            p.onExit().join();
        }
    }

    private void readLines(Consumer<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (recentLines) {
                    if (recentLines.size() == KEPT_LINES) {
                        recentLines.removeFirst();
                    }
                    recentLines.addLast(line);
                }
                lines.accept(line);
            }
        } catch (IOException closed) {
            // the process is gone: nothing more to read
        }
    }
}
