package dev.articles.local;

import dev.articles.template.FunctionSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one function, as Lambda scales them: an invocation takes a warm idle instance when there
 * is one, else starts a new one (a cold start), up to {@code maxInstances} at once; further invocations wait
 * for one to free up. Instances that crashed or timed out are dropped (the next invocation starts a fresh
 * one), idle ones are stopped after a while, and ones running an older build of the artifact are replaced.
 */
final class FunctionPool implements AutoCloseable {

    /** How long a new JVM may take to ask for its first event. Lambda allows 10 s; a busy laptop needs more. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(30);

    private final FunctionSpec spec;
    private final FunctionArtifact artifact;
    private final FunctionJvm jvm;
    private final LambdaRuntimeClient client;
    private final Map<String, String> environment;
    private final LambdaLog log;
    private final AotCache aotCache;
    private final Semaphore slots;
    private final Deque<FunctionInstance> idle = new ArrayDeque<>();
    private final List<FunctionInstance> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private boolean closed;

    FunctionPool(FunctionSpec spec, FunctionArtifact artifact, FunctionJvm jvm, LambdaRuntimeClient client,
                 Map<String, String> environment, LambdaLog log, int maxInstances) {
        this.spec = spec;
        this.artifact = artifact;
        this.jvm = jvm;
        this.client = client;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.aotCache = new AotCache(spec, artifact.jar(), jvm, client, environment);
        this.slots = new Semaphore(maxInstances, true);
    }

    FunctionSpec spec() {
        return spec;
    }

    FunctionArtifact artifact() {
        return artifact;
    }

    /** Runs the event on an instance; a missing artifact is a Crashed result naming the build to run. */
    InvocationResult invoke(byte[] event) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new InvocationResult.Crashed("interrupted while waiting for a free instance");
        }
        try {
            FunctionArtifact.Snapshot snapshot;
            try {
                snapshot = artifact.current();
            } catch (IllegalStateException missing) {
                log.note(spec.logicalId(), missing.getMessage());
                return new InvocationResult.Crashed(missing.getMessage());
            }
            FunctionInstance instance = takeIdle(snapshot.version());
            if (instance == null) {
                instance = startInstance(snapshot);
                if (instance == null) {
                    return new InvocationResult.Crashed("the pool is closed");
                }
            }
            InvocationResult result = instance.invoke(event, INIT_TIMEOUT);
            giveBack(instance);
            return result;
        } finally {
            slots.release();
        }
    }

    /** Stops instances idle for longer than {@code maxIdle}. */
    void stopIdle(Duration maxIdle) {
        List<FunctionInstance> stale = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(i -> {
                boolean remove = i.idleNanos() > maxIdle.toNanos() || !i.isAlive();
                if (remove) {
                    stale.add(i);
                    all.remove(i);
                }
                return remove;
            });
        }
        for (FunctionInstance instance : stale) {
            if (instance.isAlive()) {
                log.note(spec.logicalId(), "stopping an instance idle for " + maxIdle.toSeconds() + " s");
            }
            instance.retire();
        }
    }

    /** The process ids of the running instances (for tests and the shutdown check). */
    synchronized List<Long> pids() {
        return all.stream().filter(FunctionInstance::isAlive).map(FunctionInstance::pid).toList();
    }

    @Override
    public void close() {
        List<FunctionInstance> instances;
        synchronized (this) {
            closed = true;
            instances = new ArrayList<>(all);
            all.clear();
            idle.clear();
        }
        instances.parallelStream().forEach(FunctionInstance::retire);
    }

    private FunctionInstance takeIdle(int version) {
        List<FunctionInstance> outdated = new ArrayList<>();
        FunctionInstance found = null;
        synchronized (this) {
            while (!idle.isEmpty() && found == null) {
                FunctionInstance candidate = idle.pollFirst(); // most recently used first: the warmest
                if (candidate.isAlive() && candidate.artifactVersion() == version) {
                    found = candidate;
                } else {
                    all.remove(candidate);
                    outdated.add(candidate);
                }
            }
            // Older builds go even when a current instance was found: nothing should run them any more.
            idle.removeIf(i -> {
                boolean old = i.artifactVersion() != version;
                if (old) {
                    all.remove(i);
                    outdated.add(i);
                }
                return old;
            });
        }
        for (FunctionInstance instance : outdated) {
            if (instance.isAlive() && instance.artifactVersion() != version) {
                log.note(spec.logicalId(), "artifact rebuilt: replacing an instance of the previous build");
            }
            instance.close();
        }
        return found;
    }

    private FunctionInstance startInstance(FunctionArtifact.Snapshot snapshot) {
        int number = started.incrementAndGet();
        FunctionInstance instance = FunctionInstance.start(spec, number, snapshot, jvm, client, environment, log,
                aotCache.plan(snapshot));
        synchronized (this) {
            if (closed) {
                instance.close();
                return null;
            }
            all.add(instance);
        }
        return instance;
    }

    private void giveBack(FunctionInstance instance) {
        boolean keep;
        synchronized (this) {
            keep = !closed && instance.isAlive();
            if (keep) {
                idle.addFirst(instance);
            } else {
                all.remove(instance);
            }
        }
        if (!keep) {
            instance.close();
        }
    }
}
