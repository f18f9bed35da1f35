package dev.articles.searchnode;

import dev.articles.dynalite.ChildProcess;
import dev.articles.template.ProjectRoot;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The local OpenSearch engine as our child process: {@link SearchNode} in its own JVM (this JVM's java, which
 * serve and the build run on JDK 25; OpenSearch 3 needs 21 or newer), on the class path the build wrote into
 * {@code infra/search-node/target}. Its data in a folder of the caller's, or in a temporary one deleted when it
 * stops ("in memory"). It cannot outlive us: {@link ChildProcess} stops it at our exit, and it exits by itself
 * when its stdin, a pipe only we hold, closes (we were killed).
 */
public final class SearchNodeProcess implements AutoCloseable {

    /** A cold JVM loading OpenSearch is ready in 5-6 s on a quiet machine, 20-40 s on this busy one (docs/performance.md). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** A small heap for a laptop (not yet tried with the bench's 10,000 articles); the RSS is about 260 MB when ready. */
    public static final List<String> JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseSerialGC",
            "--enable-native-access=ALL-UNNAMED",
            // Lucene logs through java.util.logging: through log4j too, so that log4j2.properties quiets it.
            "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager");
    static final String MODULE = "infra/search-node";
    static final String JAR = "target/articles-search-node.jar";
    /** The node's dependencies, one path per entry, as the build resolved them (dependency:build-classpath). */
    static final String CLASS_PATH_FILE = "target/search-node.classpath";

    /** What the node prints, followed by its HTTP URL, once it answers HTTP requests. */
    static final String READY = "search node ready: ";
    /** By name: loading {@link SearchNode} needs OpenSearch, which is only on the node's class path. */
    static final String MAIN_CLASS = "dev.articles.searchnode.SearchNode";

    private static SearchNodeProcess shared;

    private final ChildProcess process;
    private final URI url;
    private final Path home;
    private final boolean temporary;
    private final Duration startTime;
    private final Thread shutdownHook;

    private SearchNodeProcess(ChildProcess process, URI url, Path home, boolean temporary, Duration startTime) {
        this.process = process;
        this.url = url;
        this.home = home;
        this.temporary = temporary;
        this.startTime = startTime;
        this.shutdownHook = new Thread(this::stop, "stop search node");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a node and waits until it answers.
     *
     * @param home   where it keeps its data (created when missing); empty for a temporary folder deleted when it stops
     * @param output receives every line the node prints (its warnings and errors)
     */
    public static SearchNodeProcess start(Path projectRoot, Optional<Path> home, Consumer<String> output) {
        return start(projectRoot, home, List.of(), output);
    }

    /** @param jvmOptions more options for its JVM (an AOT cache's) */
    public static SearchNodeProcess start(Path projectRoot, Optional<Path> home, List<String> jvmOptions,
                                          Consumer<String> output) {
        Path dir;
        try {
            dir = home.isPresent() ? Files.createDirectories(home.get().toAbsolutePath().normalize())
                    : Files.createTempDirectory("articles-search-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the search node's folder", e);
        }
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(projectRoot), MAIN_CLASS, dir.toString(), "0"));
        CompletableFuture<URI> ready = new CompletableFuture<>();
        long begin = System.nanoTime();
        ChildProcess child = ChildProcess.start("search-node", command, Map.of(), projectRoot, line -> {
            if (line.startsWith(READY)) {
                ready.complete(URI.create(line.substring(READY.length()).strip()));
            } else {
                output.accept(line);
            }
        });
        child.onExit().thenAccept(code -> ready.completeExceptionally(new IllegalStateException(
                "the search node exited with code " + code + " before it was ready; it printed:\n" + child.recentOutput())));
        try {
            URI url = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new SearchNodeProcess(child, url, dir, home.isEmpty(), Duration.ofNanos(System.nanoTime() - begin));
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            child.close();
            if (home.isEmpty()) {
                delete(dir);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e.getCause() instanceof IllegalStateException failed ? failed : new IllegalStateException(
                    "the search node was not ready within " + START_TIMEOUT.toSeconds() + " s; it printed:\n"
                            + child.recentOutput(), e);
        }
    }

    /**
     * The test JVM's node, started in memory on the first call and stopped when the JVM exits: every search suite
     * of a module's test run shares it (each uses its own index names).
     */
    public static synchronized SearchNodeProcess shared() {
        if (shared == null) {
            shared = start(ProjectRoot.find(), Optional.empty(), line -> { });
        }
        return shared;
    }

    /** The java the node runs on: this JVM's. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** The node's own jar. */
    public static Path jar(Path projectRoot) {
        return projectRoot.resolve(MODULE).resolve(JAR);
    }

    /** The class path of the node's JVM: the module's jar and its dependencies, as the build left them. */
    public static String classPath(Path projectRoot) {
        Path jar = jar(projectRoot);
        Path dependencies = projectRoot.resolve(MODULE).resolve(CLASS_PATH_FILE);
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(dependencies)) {
            throw new IllegalStateException("the search node is not built: " + jar + " or " + dependencies
                    + " is missing. Build it: infra/mvnw -q -B -pl " + MODULE + " -am package -DskipTests");
        }
        try {
            return jar + File.pathSeparator + Files.readString(dependencies).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dependencies, e);
        }
    }

    /** Its HTTP address, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return url;
    }

    /** Its folder (data and logs): the one given, or the temporary one deleted when it stops. */
    public Path home() {
        return home;
    }

    /** Whether its folder is deleted when it stops. */
    public boolean isTemporary() {
        return temporary;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How long it may take to exit once asked (SIGTERM) before it is killed: longer for a JVM writing its AOT cache. */
    public void stopGrace(Duration grace) {
        process.stopGrace(grace);
    }

    /** Completes with its exit code once it has exited, for whatever reason. */
    public CompletableFuture<Integer> onExit() {
        return process.onExit();
    }

    /** From starting its JVM to its first answer. */
    public Duration startTime() {
        return startTime;
    }

    /** Stops it (deleting its folder when it was temporary), waiting until it is gone. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        process.close();
        if (temporary) {
            delete(home);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
