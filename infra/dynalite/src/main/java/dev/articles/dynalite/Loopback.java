package dev.articles.dynalite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports on 127.0.0.1: a free one to hand a child process, and waiting until a child listens on it. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** A port free right now (a child may still lose a race for it, so starters retry on a bind failure). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /**
     * Waits until {@code child} accepts connections on {@code port}; fails with what it printed if it exits
     * first or does not listen within {@code timeout}.
     */
    public static void awaitListening(ChildProcess child, int port, Duration timeout) {
        awaitListening(child, HOST, port, timeout);
    }

    /** As {@link #awaitListening(ChildProcess, int, Duration)}, for a child listening on {@code host}. */
    public static void awaitListening(ChildProcess child, String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " exited before listening on port " + port
                        + "; it printed:\n" + child.recentOutput());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    child.close();
                    throw new IllegalStateException(child.name() + " did not listen on port " + port + " within "
                            + timeout.toSeconds() + " s; it printed:\n" + child.recentOutput());
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.close();
                throw new IllegalStateException("interrupted while waiting for " + child.name(), e);
            }
        }
    }
}
