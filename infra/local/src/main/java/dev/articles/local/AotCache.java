package dev.articles.local;

import dev.articles.core.Sha256;
import dev.articles.template.FunctionSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * JDK 25's AOT cache (JEPs 483, 514, 515) for one function's JVMs: the first instance of each build of the jar
 * records the classes it loads and links and the methods it runs, and writes the cache when it stops; every
 * later cold start of that build maps the cache and reaches its first response in about half the time
 * (docs/performance.md). Lambda's managed runtime cannot do this (an archive only loads into the exact JVM
 * build that wrote it); SnapStart is its answer. So this is a local speed-up, and nothing about the function
 * changes: the same jar, the same handler, the same environment.
 *
 * <p>A cache is named by everything that makes it valid (the jar's digest, the JDK build, the runtime client's
 * jars, the JVM options from the environment), kept in an {@code aot-cache} folder beside the jar (so
 * {@code mvn clean} removes it), and written under a private name, then renamed: a stopped or killed recording
 * leaves nothing a later JVM could map.
 */
final class AotCache {

    /** JEP 514's one-step {@code -XX:AOTCacheOutput} arrived in JDK 25. */
    static final int MIN_FEATURE = 25;
    static final String FOLDER = "aot-cache";
    /** What the JVM prints once the cache file is whole (the JVM that assembles it is the recorder's child). */
    private static final String COMPLETE = "AOTCache creation is complete: ";

    private final Path folder;
    private final String prefix;
    private final String identity;
    private final boolean enabled;
    private final AtomicBoolean recording = new AtomicBoolean();

    AotCache(FunctionSpec spec, Path jar, FunctionJvm jvm, LambdaRuntimeClient client, Map<String, String> environment) {
        this(jar, spec.logicalId(), jvm.java(), jvm.feature(), String.join("\n", String.valueOf(spec.memorySize()),
                environment.getOrDefault("JAVA_TOOL_OPTIONS", ""),
                client.jars().stream().map(j -> j.getFileName().toString()).toList().toString()));
    }

    /**
     * The cache of any other JVM serve starts (the search node's).
     *
     * @param jar     the program's jar: caches are kept beside it
     * @param name    names its caches
     * @param options what else makes a cache valid (the JVM options, the class path)
     */
    AotCache(Path jar, String name, Path java, int feature, String options) {
        this.folder = jar.toAbsolutePath().getParent().resolve(FOLDER);
        this.prefix = name + "-";
        this.enabled = feature >= MIN_FEATURE;
        this.identity = String.join("\n", jdkRelease(java), java.toString(), options);
    }

    /** What a new instance of this build does: map the cache, record it, or neither (another one records). */
    Plan plan(FunctionArtifact.Snapshot build) {
        return plan(build.sha256());
    }

    /** @param buildDigest the digest of the program's build (its jar's) */
    Plan plan(String buildDigest) {
        if (!enabled) {
            return Plan.NONE;
        }
        Path file = folder.resolve(prefix + Sha256.hex((buildDigest + "\n" + identity).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + ".aot");
        if (Files.isRegularFile(file)) {
            return new Plan(List.of("-XX:AOTCache=" + file), null);
        }
        if (!recording.compareAndSet(false, true)) {
            return Plan.NONE;
        }
        Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".partial");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            recording.set(false);
            return Plan.NONE; // a read-only build folder: run without a cache
        }
        return new Plan(List.of("-XX:AOTCacheOutput=" + partial,
                // Its report of classes it leaves out (JFR's, dynamic proxies) is for JDK developers, not here.
                "-Xlog:aot=error", "-Xlog:cds=error"), new Recording(file, partial));
    }

    /** The JVM options of one instance and, when it records, what to do with what it printed and left. */
    record Plan(List<String> jvmOptions, Recording recording) {
        static final Plan NONE = new Plan(List.of(), null);

        boolean records() {
            return recording != null;
        }
    }

    /** One instance's recording: committed when its JVM said the cache is whole, else thrown away. */
    final class Recording {
        /** The first line the JVM prints when it starts writing the cache, as it exits. */
        private static final String WRITING = "Temporary AOTConfiguration recorded: ";

        private final Path file;
        private final Path partial;
        private volatile boolean writing;
        private volatile boolean complete;

        private Recording(Path file, Path partial) {
            this.file = file;
            this.partial = partial;
        }

        /** @return true for the JVM's report of writing the cache, which is not the function's output */
        boolean printed(String line) {
            writing |= line.startsWith(WRITING);
            complete |= writing && line.startsWith(COMPLETE);
            return writing;
        }

        /** Called once its JVM has exited, whatever the reason; says what became of the cache. */
        String finished() {
            try {
                if (complete) {
                    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removeOtherBuilds();
                    return "AOT cache written for the next cold starts: " + file + " (" + Files.size(file) / 1_000_000 + " MB)";
                }
                return "no AOT cache: the recording JVM stopped before writing it; the next instance records again";
            } catch (IOException e) {
                return "no AOT cache: " + e;
            } finally {
                try {
                    Files.deleteIfExists(partial);
                    Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".config"));
                } catch (IOException ignored) {
                    // a stray partial file is ignored: only *.aot files are ever mapped
                }
                recording.set(false);
            }
        }

        private void removeOtherBuilds() throws IOException {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path other : files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".aot") && !f.equals(file)).toList()) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    private static String jdkRelease(Path java) {
        try {
            return Files.readString(java.toAbsolutePath().getParent().getParent().resolve("release"));
        } catch (IOException e) {
            return ""; // the path and the rest of the identity still tell JDKs apart
        }
    }
}
