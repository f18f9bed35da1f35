package dev.articles.local.launcher;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point, compiled for Java 11 so that {@code java -jar articles-local.jar} works whatever the
 * default {@code java} is: on Java 21 or newer it runs the local runtime in this JVM; on an older one it
 * re-executes the jar on a JDK >= 21 (same arguments, same output, its exit code, a SIGTERM or Ctrl-C passed
 * on, and its end when this JVM dies), or says clearly that none is installed and exits non-zero.
 */
public final class Launcher {

    static final int MINIMUM_JAVA = 21;
    /** Tells the re-executed JVM that its stdin is our pipe, whose end-of-file means we are gone (even by SIGKILL). */
    public static final String EXIT_WITH_PARENT_PROPERTY = "articles.local.exitWithParent";
    private static final String MAIN = "dev.articles.local.Main";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        int running = Runtime.version().feature();
        if (running >= MINIMUM_JAVA) {
            runMain(args);
            return;
        }
        Optional<JdkFinder.Jdk> jdk = JdkFinder.atLeast(MINIMUM_JAVA);
        if (!jdk.isPresent()) {
            System.err.println("error: articles-local needs Java " + MINIMUM_JAVA + " or newer. This is Java " + running
                    + " (" + System.getProperty("java.home") + "), and no JDK " + MINIMUM_JAVA
                    + "+ was found in JAVA_HOME, /usr/lib/jvm or /opt. Install one (the functions want Java 25) or set"
                    + " JAVA_HOME to it.");
            System.exit(1);
        }
        List<String> command = new ArrayList<>();
        command.add(jdk.get().java().toString());
        command.add("-D" + EXIT_WITH_PARENT_PROPERTY + "=true");
        command.add("-cp");
        command.add(ownJar().toString());
        command.add(MAIN);
        command.addAll(Arrays.asList(args));
        // stdin is a pipe we hold open and never write: when we die, however we die, the child reads end-of-file
        // and exits (it would otherwise keep the port and the data dir). Output goes straight to our terminal.
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        // Our SIGTERM/SIGINT ends this JVM through its shutdown hooks: pass it on and wait for the child's cleanup.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child), "stop articles-local"));
        System.exit(child.waitFor());
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
        }
    }

    private static void runMain(String[] args) throws Exception {
        try {
            Class.forName(MAIN).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw (Error) cause;
        }
    }

    private static Path ownJar() throws Exception {
        return Paths.get(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
