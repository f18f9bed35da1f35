package dev.articles.dynalite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks that the {@code node} on the PATH can run dynalite (Node.js 20 or newer). */
public final class NodeRuntime {

    public static final int MINIMUM_MAJOR = 20;
    public static final String EXECUTABLE = System.getProperty("os.name").startsWith("Windows") ? "node.exe" : "node";

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.");

    private NodeRuntime() {
    }

    /** Returns the major version of {@code node}, or throws saying what is missing and what is needed. */
    public static int require() {
        String printed;
        try {
            Process p = new ProcessBuilder(EXECUTABLE, "--version").redirectErrorStream(true).start();
            printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("`node --version` did not answer; dynalite needs Node.js "
                        + MINIMUM_MAJOR + " or newer");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Node.js is not installed (no `node` on the PATH); dynalite, the local "
                    + "DynamoDB engine, needs Node.js " + MINIMUM_MAJOR + " or newer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the Node.js version", e);
        }
        Matcher m = VERSION.matcher(printed);
        if (!m.find() || Integer.parseInt(m.group(1)) < MINIMUM_MAJOR) {
            throw new IllegalStateException("dynalite, the local DynamoDB engine, needs Node.js " + MINIMUM_MAJOR
                    + " or newer; `node --version` printed: " + printed);
        }
        return Integer.parseInt(m.group(1));
    }
}
