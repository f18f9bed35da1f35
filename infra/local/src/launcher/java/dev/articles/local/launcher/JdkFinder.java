package dev.articles.local.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds installed JDKs and their feature versions, from JAVA_HOME, the running JVM and the usual install
 * folders, reading each one's {@code release} file (no process started). Compiled for Java 11 because the
 * launcher uses it before a new enough JVM runs.
 */
public final class JdkFinder {

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(?:1\\.)?(\\d+)", Pattern.MULTILINE);
    private static final String[] INSTALL_FOLDERS = {
        "/usr/lib/jvm", "/opt", "/opt/java", "/usr/java", "/Library/Java/JavaVirtualMachines"};

    /** A JDK or JRE home and the feature version it runs (25 for 25.0.1). */
    public static final class Jdk {
        private final Path home;
        private final int feature;

        Jdk(Path home, int feature) {
            this.home = home;
            this.feature = feature;
        }

        public Path home() {
            return home;
        }

        public int feature() {
            return feature;
        }

        public Path java() {
            return javaExecutable(home);
        }

        @Override
        public String toString() {
            return "Java " + feature + " at " + home;
        }
    }

    private JdkFinder() {
    }

    /** {@code bin/java} of a JDK home, {@code bin\java.exe} on Windows. */
    public static Path javaExecutable(Path home) {
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        return home.resolve("bin").resolve(windows ? "java.exe" : "java");
    }

    /** Every JDK found, in order of preference: JAVA_HOME, the running JVM, then the install folders. */
    public static List<Jdk> all() {
        Map<Path, Jdk> found = new LinkedHashMap<>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isEmpty()) {
            add(found, Paths.get(javaHome));
        }
        add(found, Paths.get(System.getProperty("java.home")));
        List<String> folders = new ArrayList<>(Arrays.asList(INSTALL_FOLDERS));
        String programFiles = System.getenv("ProgramFiles"); // Windows: where JDK installers put them
        if (programFiles != null) {
            for (String vendor : new String[] {"Java", "Eclipse Adoptium", "Microsoft", "Amazon Corretto", "Zulu"}) {
                folders.add(Paths.get(programFiles, vendor).toString());
            }
        }
        for (String folder : folders) {
            Path dir = Paths.get(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                List<Path> sorted = new ArrayList<>();
                entries.forEach(sorted::add);
                sorted.sort(Comparator.naturalOrder());
                for (Path entry : sorted) {
                    add(found, entry);
                    add(found, entry.resolve("Contents/Home")); // macOS bundles
                }
            } catch (IOException unreadable) {
                // a folder we may not list holds nothing we can use
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The preferred JDK of exactly this feature version (what a Lambda runtime such as java25 runs). */
    public static Optional<Jdk> exactly(int feature) {
        return all().stream().filter(j -> j.feature() == feature).findFirst();
    }

    /** JAVA_HOME or the running JVM when new enough, else the newest JDK of at least this feature version. */
    public static Optional<Jdk> atLeast(int feature) {
        List<Jdk> all = all();
        Optional<Jdk> preferred = all.stream().limit(2).filter(j -> j.feature() >= feature).findFirst();
        if (preferred.isPresent()) {
            return preferred;
        }
        return all.stream().filter(j -> j.feature() >= feature).max(Comparator.comparingInt(Jdk::feature));
    }

    private static void add(Map<Path, Jdk> found, Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(javaExecutable(home))) {
            return;
        }
        try {
            Path real = home.toRealPath();
            if (found.containsKey(real)) {
                return;
            }
            Matcher m = JAVA_VERSION.matcher(new String(Files.readAllBytes(release), StandardCharsets.UTF_8));
            if (m.find()) {
                found.put(real, new Jdk(real, Integer.parseInt(m.group(1))));
            }
        } catch (IOException | NumberFormatException unreadable) {
            // not a JDK we can tell the version of
        }
    }
}
