package dev.articles.local;

import dev.articles.template.FunctionSpec;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Every function of the template, each with its pool of instances, sharing one private work folder. */
final class LocalFunctions implements AutoCloseable {

    private final Path workDir;
    private final Map<String, FunctionPool> pools = new LinkedHashMap<>();
    private final LambdaRuntimeClient.Kind runtimeClient;

    LocalFunctions(SamTemplate template, LocalBackend backend, LambdaLog log, int maxInstances,
                   LambdaRuntimeClient.Kind wantedClient) {
        try {
            workDir = Files.createTempDirectory("articles-local-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work folder", e);
        }
        LambdaRuntimeClient client = LambdaRuntimeClient.extract(workDir, wantedClient);
        runtimeClient = client.kind();
        Path templateDir = template.file().toAbsolutePath().getParent();
        for (FunctionSpec spec : template.functions()) {
            FunctionJvm jvm = FunctionJvm.forRuntime(spec);
            if (!jvm.exactRuntime()) {
                log.note(spec.logicalId(), "warning: no JDK " + spec.javaFeatureVersion() + " found for Runtime "
                        + spec.runtime() + " (JAVA_HOME, /usr/lib/jvm, /opt); running it on Java " + jvm.feature());
            }
            FunctionArtifact artifact = new FunctionArtifact(spec, templateDir, workDir);
            pools.put(spec.logicalId(), new FunctionPool(spec, artifact, jvm, client,
                    backend.functionEnvironment(spec), log, maxInstances));
        }
    }

    Map<String, FunctionPool> pools() {
        return pools;
    }

    /** The runtime client the function JVMs run on: AWS or PORTABLE. */
    LambdaRuntimeClient.Kind runtimeClient() {
        return runtimeClient;
    }

    FunctionPool pool(String logicalId) {
        FunctionPool pool = pools.get(logicalId);
        if (pool == null) {
            throw new IllegalArgumentException("no function " + logicalId + " in the template; functions: "
                    + List.copyOf(pools.keySet()));
        }
        return pool;
    }

    void stopIdle(Duration maxIdle) {
        pools.values().forEach(p -> p.stopIdle(maxIdle));
    }

    @Override
    public void close() {
        pools.values().parallelStream().forEach(FunctionPool::close);
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
