package dev.articles.dynalite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * dynalite (npm {@code dynalite@4.0.0}, a DynamoDB engine on LevelDB) as our child process:
 * {@code node <root>/infra/dynalite/node_modules/dynalite/cli.js}, never through npx, which could fetch
 * another version. In memory, or persistent in a data dir that no other process may have open.
 */
public final class Dynalite implements DynamoDbEngine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 3;
    /** How long LevelDB may take to open (and lock) the data dir once dynalite listens: milliseconds, normally. */
    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

    private final ChildProcess process;
    private final URI endpoint;

    private Dynalite(ChildProcess process, String host, int port) {
        this.process = process;
        this.endpoint = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** Where the build installs dynalite's command-line entry point. */
    public static Path cli(Path projectRoot) {
        return projectRoot.resolve("infra/dynalite/node_modules/dynalite/cli.js");
    }

    /** Preloaded into dynalite's node: exits when our end of its stdin closes, so it never outlives us. */
    static Path exitWithParent(Path projectRoot) {
        return projectRoot.resolve("infra/dynalite/exit-with-parent.cjs");
    }

    public static Dynalite startInMemory(Path projectRoot) {
        return start(projectRoot, Optional.empty(), line -> { });
    }

    public static Dynalite startPersistent(Path projectRoot, Path dataDir) {
        return start(projectRoot, Optional.of(dataDir), line -> { });
    }

    /**
     * @param dataDir where LevelDB keeps the data (created when missing); empty to keep everything in memory
     * @param output  receives what dynalite prints
     */
    public static Dynalite start(Path projectRoot, Optional<Path> dataDir, Consumer<String> output) {
        Optional<Path> dir = dataDir(dataDir);
        IllegalStateException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = Loopback.freePort();
            ChildProcess child = launch(projectRoot, dir, Loopback.HOST, port, output);
            try {
                Loopback.awaitListening(child, Loopback.HOST, port, START_TIMEOUT);
                dir.ifPresent(d -> DataDirLock.awaitHeld(d, LOCK_TIMEOUT));
                return new Dynalite(child, Loopback.HOST, port);
            } catch (IllegalStateException e) {
                child.close();
                if (!child.recentOutput().contains("EADDRINUSE")) {
                    throw e;
                }
                last = e; // another process took the port between our check and dynalite's bind
            }
        }
        throw last;
    }

    /**
     * dynalite on an address and port of the caller's choosing, for other programs (SAM CLI's containers) to use.
     *
     * @param host the address to listen on: 127.0.0.1, an interface's address, or 0.0.0.0 for all of them
     */
    public static Dynalite listen(Path projectRoot, Optional<Path> dataDir, String host, int port, Consumer<String> output) {
        Optional<Path> dir = dataDir(dataDir);
        ChildProcess child = launch(projectRoot, dir, host, port, output);
        String reachable = host.equals("0.0.0.0") || host.equals("::") ? Loopback.HOST : host;
        Loopback.awaitListening(child, reachable, port, START_TIMEOUT);
        dir.ifPresent(d -> DataDirLock.awaitHeld(d, LOCK_TIMEOUT));
        return new Dynalite(child, reachable, port);
    }

    private static Optional<Path> dataDir(Optional<Path> dataDir) {
        Optional<Path> dir = dataDir.map(d -> d.toAbsolutePath().normalize());
        dir.ifPresent(d -> {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data dir " + d, e);
            }
            DataDirLock.requireFree(d);
        });
        return dir;
    }

    private static ChildProcess launch(Path projectRoot, Optional<Path> dir, String host, int port, Consumer<String> output) {
        NodeRuntime.require();
        Path cli = cli(projectRoot);
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("dynalite is not installed: " + cli + " is missing. Build first (the build "
                    + "runs `npm ci` in infra/dynalite): infra/mvnw -q -B -pl infra/dynalite -am package -DskipTests");
        }
        List<String> command = new ArrayList<>(List.of(NodeRuntime.EXECUTABLE,
                "--require", exitWithParent(projectRoot).toString(), cli.toString(),
                "--host", host, "--port", Integer.toString(port), "--createTableMs", "0"));
        dir.ifPresent(d -> command.addAll(List.of("--path", d.toString())));
        return ChildProcess.start("dynalite", command, Map.of(), projectRoot, output);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return "dynalite";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
