package dev.articles.local;

import dev.articles.dynalite.ChildProcess;
import dev.articles.template.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution environment of a function: its own JVM running the real runtime interface client against
 * its own Runtime API. Runs one invocation at a time; killed when it passes the function's Timeout.
 */
final class FunctionInstance implements AutoCloseable {

    private static final String PEAK_RSS = "VmHWM:";
    /** Linux's /proc: where a JVM's peak memory is read; elsewhere REPORT says 0 MB. */
    private static final boolean PROC = Files.isDirectory(Path.of("/proc/self"));
    /** A JVM recording an AOT cache writes it as it stops: a few seconds here; the bound only ends a stuck one. */
    private static final Duration RECORDING_GRACE = Duration.ofSeconds(60);

    private final FunctionSpec spec;
    private final int number;
    private final int artifactVersion;
    private final LambdaLog log;
    private final RuntimeApi api;
    private final ChildProcess process;
    private final AotCache.Plan aot;
    private final Path statusFile;
    private final long startNanos = System.nanoTime();
    private volatile long readyNanos;
    private volatile boolean closing;
    private boolean used;
    private long idleSinceNanos = System.nanoTime();

    private FunctionInstance(FunctionSpec spec, int number, FunctionArtifact.Snapshot artifact, FunctionJvm jvm,
                             LambdaRuntimeClient client, Map<String, String> environment, LambdaLog log,
                             AotCache.Plan aot) {
        this.spec = spec;
        this.aot = aot;
        this.number = number;
        this.artifactVersion = artifact.version();
        this.log = log;
        this.api = new RuntimeApi(spec.logicalId(), spec.timeoutSeconds(), new RuntimeApi.Listener() {
            @Override
            public void ready() {
                readyNanos = System.nanoTime();
            }

            @Override
            public void delivering(Invocation invocation) {
                log.start(spec.logicalId(), invocation.requestId);
            }
        });
        Map<String, String> env = new HashMap<>(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/[$LATEST]" + spec.logicalId() + "-" + number);
        ChildProcess started;
        try {
            started = ChildProcess.start(spec.logicalId() + "-" + number,
                    jvm.command(spec, artifact.jar(), client, aot.jvmOptions()), env, false, null, this::printed);
        } catch (RuntimeException e) {
            api.close();
            if (aot.records()) {
                aot.recording().finished();
            }
            throw e;
        }
        this.process = started;
        if (aot.records()) {
            process.stopGrace(RECORDING_GRACE);
        }
        this.statusFile = Path.of("/proc", Long.toString(started.pid()), "status");
        process.onExit().thenAccept(code -> {
            if (!closing) {
                log.note(spec.logicalId(), "instance " + number + " exited with code " + code);
            }
            api.abandon(new InvocationResult.Crashed("the function's JVM exited with code " + code));
            if (aot.records()) {
                log.note(spec.logicalId(), "instance " + number + ": " + aot.recording().finished());
            }
        });
    }

    static FunctionInstance start(FunctionSpec spec, int number, FunctionArtifact.Snapshot artifact, FunctionJvm jvm,
                                  LambdaRuntimeClient client, Map<String, String> environment, LambdaLog log,
                                  AotCache.Plan aot) {
        return new FunctionInstance(spec, number, artifact, jvm, client, environment, log, aot);
    }

    int artifactVersion() {
        return artifactVersion;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return !closing && process.isAlive();
    }

    /** Nanoseconds since it last finished an invocation (or started). */
    long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    /**
     * Runs one event through the instance and logs it as Lambda does. The instance is closed when it timed
     * out or did not get ready within {@code initTimeout}.
     */
    InvocationResult invoke(byte[] event, Duration initTimeout) {
        Invocation invocation = new Invocation(event);
        boolean cold = !used;
        used = true;
        api.offer(invocation);
        try {
            invocation.delivered.get(initTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.note(spec.logicalId(), "instance " + number + " did not ask for an event within "
                    + initTimeout.toSeconds() + " s of starting: stopping it");
            close();
            return new InvocationResult.Crashed("not ready within " + initTimeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            return invocation.result.join(); // the instance died before taking the event
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return new InvocationResult.Crashed("interrupted");
        }
        long begin = System.nanoTime();
        InvocationResult result;
        boolean failed = true;
        try {
            result = invocation.result.get(spec.timeoutSeconds(), TimeUnit.SECONDS);
            failed = false;
        } catch (TimeoutException e) {
            log.timedOut(spec.logicalId(), invocation.requestId, spec.timeoutSeconds());
            result = new InvocationResult.TimedOut(spec.timeoutSeconds());
        } catch (ExecutionException | InterruptedException e) {
            result = new InvocationResult.Crashed(e.toString());
        }
        double durationMillis = (System.nanoTime() - begin) / 1e6; // the function's time, not our bookkeeping's
        long memoryMb = maxMemoryMb(); // before close(): a killed JVM has no /proc entry left
        if (failed) {
            close();
        }
        double initMillis = cold ? (readyNanos - startNanos) / 1e6 : -1;
        log.end(spec.logicalId(), invocation.requestId, durationMillis, spec.memorySize(), memoryMb, initMillis);
        idleSinceNanos = System.nanoTime();
        return result;
    }

    /** Stops the instance now; a recording JVM is killed without writing its cache (failed or outdated). */
    @Override
    public void close() {
        stop(false);
    }

    /** Stops an instance that is done (serve's exit, idle too long), letting a recording JVM write its cache. */
    void retire() {
        stop(true);
    }

    private void stop(boolean keepRecording) {
        closing = true;
        if (aot.records() && process.isAlive()) {
            if (keepRecording) {
                log.note(spec.logicalId(), "instance " + number + " is writing the JVM's AOT cache for later cold"
                        + " starts (once per build)");
            } else {
                process.stopGrace(Duration.ZERO);
            }
        }
        process.close(); // before the Runtime API: a runtime client whose /next failed would print a stack trace
        api.close();
    }

    private void printed(String line) {
        if (!aot.records() || !aot.recording().printed(line)) {
            log.functionLine(spec.logicalId(), api.lastRequestId(), line);
        }
    }

    /** Peak resident memory of the JVM, from /proc (0 off Linux or once it exited); read after every invocation, so no regex. */
    private long maxMemoryMb() {
        if (!PROC) {
            return 0;
        }
        try {
            String status = Files.readString(statusFile);
            int at = status.indexOf(PEAK_RSS);
            int end = status.indexOf(" kB", at);
            return at < 0 || end < 0 ? 0 : Long.parseLong(status.substring(at + PEAK_RSS.length(), end).strip()) / 1024;
        } catch (IOException | NumberFormatException | SecurityException gone) {
            return 0; // the process has exited: nothing to report
        }
    }
}
