package dev.articles.dynalite;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
    private static final String ATOMIC = resource("moto_atomic.py");

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
        // moto_server's own main, its requests handled one at a time (see moto_atomic.py), by the Python moto_server runs on.
        ChildProcess child = ChildProcess.start("moto_server",
                List.of(python(executable), "-c", ATOMIC, "-H", Loopback.HOST, "-p", Integer.toString(port)), Map.of(), null,
                line -> { });
        Loopback.awaitListening(child, port, START_TIMEOUT);
        return new MotoServer(child, port);
    }

    /**
     * The interpreter of the {@code moto_server} script: its {@code #!} line's, or, for a launcher that is not a Python
     * script (pyenv's shims), {@code python3} from the same PATH.
     */
    private static String python(Path executable) {
        try (var lines = Files.lines(executable)) {
            String first = lines.findFirst().orElse("");
            return first.startsWith("#!") && first.contains("python") && !first.contains(" ")
                    ? first.substring(2) : "python3";
        } catch (IOException | UncheckedIOException e) {
            return "python3";
        }
    }

    private static String resource(String name) {
        try (InputStream in = MotoServer.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
