package dev.articles.faultproxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A dynalite for these tests until infra/dynalite's shared test database lands on main (then this goes).
 * Installs dynalite@4.0.0 from npm into target/ once and runs it on a free loopback port.
 */
final class LocalDynalite implements AutoCloseable {

    private static final Path INSTALL_DIR = Path.of("target", "dynalite-npm").toAbsolutePath();

    private final Process process;
    private final URI endpoint;

    private LocalDynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static LocalDynalite start() throws IOException, InterruptedException {
        Path cli = INSTALL_DIR.resolve("node_modules/dynalite/cli.js");
        if (!Files.exists(cli)) {
            Files.createDirectories(INSTALL_DIR);
            Files.writeString(INSTALL_DIR.resolve("package.json"), "{\"private\":true}");
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "dynalite@4.0.0")
                    .directory(INSTALL_DIR.toFile()).inheritIO().start();
            if (npm.waitFor() != 0) {
                throw new IOException("npm install dynalite@4.0.0 failed");
            }
        }
        int port;
        try (var probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder("node", cli.toString(), "--port", Integer.toString(port),
                "--host", "127.0.0.1", "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new LocalDynalite(process, URI.create("http://127.0.0.1:" + port));
            } catch (IOException notYet) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    process.destroyForcibly();
                    throw new IOException("dynalite did not start on port " + port, notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
