package dev.articles.bench;

import dev.articles.bench.direct.DirectInvoke;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Cold starts of each function's artifact in a fresh JVM, without Lambda's runtime client or the local
 * gateway: spawn to main, the handler's construction (Lambda's init), the first request, each timed by this
 * process as the child reports it. Run in variants of the JVM's options, to price each option by itself.
 */
public final class DirectColdStart {

    /**
     * A way of starting the function JVM.
     * @param trainingOptions options of one training run made before the measured ones (empty: none)
     * @param options         options of every measured run; {@code {fn}} stands for the function's name
     * @param toolOptions     JAVA_TOOL_OPTIONS: null to take the template's
     * @param prime           whether the handler's SnapStart priming runs between init and the first request
     */
    public record Variant(String name, List<String> trainingOptions, List<String> options, String toolOptions,
                          boolean prime) {}

    /**
     * One fresh JVM: milliseconds from spawn to main, to the handler built, to its priming run (NaN when not
     * primed), to the first response; and a bare {@code java -version} run just before it, under the same load.
     */
    public record Start(double toMain, double toInit, double toPrimed, double toFirstResponse, String status,
                        List<Double> warm, double bare) {
        Start withBare(double millis) {
            return new Start(toMain, toInit, toPrimed, toFirstResponse, status, warm, millis);
        }

        /** The first response after priming: what a restored SnapStart instance would still pay. */
        public double afterPriming() {
            return toFirstResponse - toPrimed;
        }
    }

    public record Result(BenchFunction function, Variant variant, List<Start> starts) {
        public double median(java.util.function.ToDoubleFunction<Start> f) {
            return Stats.median(starts.stream().map(s -> f.applyAsDouble(s)).toList());
        }

        /** The first response's median over the paired bare {@code java -version}'s. */
        public double ratio() {
            return median(Start::toFirstResponse) / median(Start::bare);
        }
    }

    private final FunctionJdk jdk;
    private final Path invokerJar;
    private final Map<String, String> environment;
    private final Path workDir;

    /**
     * @param environment the functions' environment (table, endpoint, credentials, signing key)
     * @param workDir     where the invoker's jar and the archives of training runs are written
     */
    public DirectColdStart(FunctionJdk jdk, Map<String, String> environment, Path workDir) {
        this.jdk = jdk;
        this.invokerJar = invokerJar(workDir);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
    }

    /**
     * A jar holding {@link DirectInvoke} alone, to put beside the function's jar: nothing else of the bench
     * loads in the function's JVM, and class-data archives take jars only, no directories.
     */
    private static Path invokerJar(Path workDir) {
        String entry = DirectInvoke.class.getName().replace('.', '/') + ".class";
        Path jar = workDir.resolve("direct-invoke.jar");
        try (InputStream in = DirectInvoke.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + jar, e);
        }
    }

    /**
     * {@code runs} fresh starts of the function under each variant, the variants taking turns within each
     * round so that a change in the machine's load touches them alike. Archives are trained first.
     */
    public List<Result> measure(BenchFunction function, List<Variant> variants, int runs, int warm) {
        for (Variant variant : variants) {
            if (!variant.trainingOptions().isEmpty()) {
                start(function, variant, variant.trainingOptions(), 20);
            }
        }
        List<List<Start>> starts = new ArrayList<>();
        variants.forEach(v -> starts.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int v = 0; v < variants.size(); v++) {
                double bare = jdk.bareStarts(1).getFirst();
                starts.get(v).add(start(function, variants.get(v), variants.get(v).options(), warm).withBare(bare));
            }
        }
        List<Result> results = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            results.add(new Result(function, variants.get(v), starts.get(v)));
        }
        return results;
    }

    private Start start(BenchFunction function, Variant variant, List<String> options, int warm) {
        Map<String, Double> at = new HashMap<>();
        String[] status = {"?"};
        List<Double> warmTimes = new ArrayList<>();
        long spawned = System.nanoTime();
        run(function, variant, options, warm, line -> {
            if (!line.startsWith(DirectInvoke.MARKER)) {
                return; // the function's own log lines
            }
            String[] words = line.substring(DirectInvoke.MARKER.length()).split(" ");
            at.put(words[0], Stats.millisSince(spawned));
            if (words[0].equals("first")) {
                status[0] = words[1];
            } else if (words[0].equals("warm")) {
                for (int i = 1; i < words.length; i++) {
                    warmTimes.add(Long.parseLong(words[i]) / 1e6);
                }
            }
        });
        return new Start(at.get("main"), at.get("init"), at.getOrDefault("primed", Double.NaN), at.get("first"),
                status[0], warmTimes, Double.NaN);
    }

    /**
     * One fresh JVM of the function under the variant, with {@code options}, each line it prints on stdout handed
     * to {@code lines} as it comes (the markers of {@link DirectInvoke}, the function's log, the JVM's own logging).
     */
    void run(BenchFunction function, Variant variant, List<String> options, int warm, Consumer<String> lines) {
        Path event = freshEvent(function);
        List<String> command = new ArrayList<>(List.of(jdk.java().toString(),
                // As the local runtime starts a function JVM: heap from MemorySize, serial GC (the default CDS archive is on by default).
                "-XX:MaxHeapSize=" + (function.spec().memorySize() * 85L / 100) + "m", "-XX:+UseSerialGC"));
        options.forEach(o -> command.add(o.replace("{fn}", workDir.resolve(function.name()).toString())));
        command.addAll(List.of("-cp", function.artifact() + ":" + invokerJar,
                DirectInvoke.class.getName(), handlerClass(function), event.toString(), Integer.toString(warm)));
        if (variant.prime()) {
            command.add("prime");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        env.putAll(environment);
        String toolOptions = variant.toolOptions() == null ? function.jvmOptions() : variant.toolOptions();
        if (toolOptions.isEmpty()) {
            env.remove("JAVA_TOOL_OPTIONS");
        } else {
            env.put("JAVA_TOOL_OPTIONS", toolOptions);
        }
        try {
            Process process = builder.start();
            boolean answered = false;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    answered |= line.startsWith(DirectInvoke.MARKER + "first ");
                    lines.accept(line);
                }
            }
            int exit = process.waitFor();
            if (exit != 0 || !answered) {
                throw new IllegalStateException(function.name() + " (" + variant.name() + ") exited " + exit
                        + " before its first response: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The function's sample event; a create gets a fresh Idempotency-Key, so it is never a replay. */
    private Path freshEvent(BenchFunction function) {
        try {
            String text = Files.readString(function.event());
            text = text.replaceAll("(\"idempotency-key\"\\s*:\\s*\")[^\"]*\"", "$1" + UUID.randomUUID() + "\"");
            Path file = workDir.resolve(function.name() + "-event.json");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String handlerClass(BenchFunction function) {
        String handler = function.spec().handler();
        int method = handler.indexOf("::");
        return method < 0 ? handler : handler.substring(0, method);
    }
}
