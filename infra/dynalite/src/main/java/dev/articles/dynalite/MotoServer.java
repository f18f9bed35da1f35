package dev.articles.dynalite;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** moto's standalone server ({@code moto_server}), a second DynamoDB implementation to run the tests against. */
public final class MotoServer implements DynamoDbEngine {

    public static final String EXECUTABLE = "moto_server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final URI endpoint;

    private MotoServer(ChildProcess process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://" + Loopback.HOST + ":" + port);
    }

    /** {@code moto_server} on the PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, EXECUTABLE);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static MotoServer start() {
        Path executable = find().orElseThrow(() -> new IllegalStateException(
                "moto_server is not on the PATH (install moto with its server extra: pip install 'moto[server]')"));
        int port = Loopback.freePort();
        ChildProcess child = ChildProcess.start("moto_server",
                List.of(executable.toString(), "-H", Loopback.HOST, "-p", Integer.toString(port)), Map.of(), null,
                line -> { });
        Loopback.awaitListening(child, port, START_TIMEOUT);
        return new MotoServer(child, port);
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String name() {
        return "moto";
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
