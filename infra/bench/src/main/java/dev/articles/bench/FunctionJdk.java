package dev.articles.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JDK the functions run on locally, and the yardstick of every cold start: a bare {@code java -version}. */
public record FunctionJdk(Path home, String version, int feature) {

    /**
     * The JDK of the functions' runtime ({@code java25}: a JDK 25) under /usr/lib/jvm or /opt, as the local
     * runtime picks it; else the JDK running the bench.
     */
    public static FunctionJdk forFeature(int feature) {
        for (String parent : List.of("/usr/lib/jvm", "/opt", "/opt/java")) {
            File[] homes = new File(parent).listFiles();
            for (File home : homes == null ? new File[0] : homes) {
                if (new File(home, "bin/java").canExecute() && feature(home.toPath()) == feature) {
                    return at(home.toPath());
                }
            }
        }
        return at(Path.of(System.getProperty("java.home")));
    }

    /** The feature version in the JDK's {@code release} file, or -1. */
    private static int feature(Path home) {
        try {
            return Files.readAllLines(home.resolve("release")).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION="))
                    .map(l -> l.replaceAll("JAVA_VERSION=\"?(\\d+).*", "$1"))
                    .mapToInt(Integer::parseInt).findFirst().orElse(-1);
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public static FunctionJdk at(Path home) {
        String first = run(List.of(home.resolve("bin/java").toString(), "-version")).lines().findFirst().orElse("?");
        return new FunctionJdk(home, first, feature(home));
    }

    public Path java() {
        return home.resolve("bin/java");
    }

    public String describe() {
        return version + " at " + home;
    }

    /** Wall-clock milliseconds of {@code java -version} runs, each a fresh process. */
    public List<Double> bareStarts(int runs) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run(List.of(java().toString(), "-version"));
            times.add(Stats.millisSince(started));
        }
        return times;
    }

    /** Runs a command to its end and returns what it printed (stdout and stderr). */
    static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
