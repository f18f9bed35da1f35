package dev.articles.local;

import dev.articles.local.launcher.JdkFinder;
import dev.articles.template.FunctionSpec;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM a function runs on: a JDK of the feature version its Runtime names ({@code java25}: 25), started
 * as Lambda's Java runtime starts it: the runtime client's main class (under the guard that ends the JVM with
 * serve), the handler as its argument, the heap sized from MemorySize, serial GC, the JDK's default class data
 * sharing (or the function's AOT cache).
 */
record FunctionJvm(Path java, int feature, boolean exactRuntime) {

    /** A JDK matching the runtime, else the running JVM (then {@link #exactRuntime()} is false). */
    static FunctionJvm forRuntime(FunctionSpec spec) {
        Optional<JdkFinder.Jdk> jdk = spec.javaFeatureVersion() > 0 ? JdkFinder.exactly(spec.javaFeatureVersion())
                : Optional.empty();
        if (jdk.isPresent()) {
            return new FunctionJvm(jdk.get().java(), jdk.get().feature(), true);
        }
        Path running = JdkFinder.javaExecutable(Path.of(System.getProperty("java.home")));
        return new FunctionJvm(running, Runtime.version().feature(), false);
    }

    /** @param options more JVM options (the AOT cache's) */
    List<String> command(FunctionSpec spec, Path artifact, LambdaRuntimeClient client, List<String> options) {
        List<String> command = new ArrayList<>(List.of(java.toString(),
                // Lambda's Java runtimes give the heap about 85% of the function's memory.
                "-XX:MaxHeapSize=" + (spec.memorySize() * 85L / 100) + "m",
                "-XX:+UseSerialGC"));
        command.addAll(options);
        List<String> classPath = new ArrayList<>();
        classPath.add(artifact.toString());
        client.jars().forEach(j -> classPath.add(j.toString()));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath)));
        command.addAll(client.launch(spec.handler(), feature));
        return command;
    }
}
