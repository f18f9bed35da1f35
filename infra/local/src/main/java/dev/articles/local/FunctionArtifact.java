package dev.articles.local;

import dev.articles.core.Sha256;
import dev.articles.template.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * A function's deployable jar: its CodeUri when that names a jar, else {@code <CodeUri>/target/<last segment of
 * CodeUri>.jar} (a Maven module folder), run from a private
 * copy: a rebuild in another terminal then neither breaks a running instance (classes load lazily from the
 * jar) nor goes unnoticed (a changed jar makes a new version, and instances of older versions are replaced).
 */
final class FunctionArtifact {

    /** A jar still being written is not copied until it has been left alone this long. */
    private static final long SETTLE_MILLIS = 500;

    private final String function;
    private final Path jar;
    private final String module;
    private final Path copies;
    private FileTime copiedTime;
    private long copiedSize = -1;
    private Snapshot current;

    /**
     * One copy of the jar; instances of an older version are replaced.
     *
     * @param sha256 the jar's content digest: what a JVM cache made from this build is named by
     */
    record Snapshot(int version, Path jar, String sha256) {
    }

    FunctionArtifact(FunctionSpec spec, Path templateDir, Path workDir) {
        this.function = spec.logicalId();
        this.jar = templateDir.resolve(spec.jar()).normalize();
        this.module = moduleOf(Path.of(spec.jar()));
        this.copies = workDir.resolve("functions").resolve(function);
    }

    Path jar() {
        return jar;
    }

    boolean exists() {
        return Files.isRegularFile(jar);
    }

    /** What to run to build the jar when it is missing. */
    String buildHint() {
        return function + " is not built: " + jar + " is missing. Build it with: infra/mvnw -q -B -pl " + module
                + " -am package -DskipTests";
    }

    /** The copy of the jar as it is now, copied again when it changed since the last call. */
    synchronized Snapshot current() {
        if (!exists()) {
            throw new IllegalStateException(buildHint());
        }
        try {
            FileTime modified = Files.getLastModifiedTime(jar);
            long size = Files.size(jar);
            if (current != null && modified.equals(copiedTime) && size == copiedSize) {
                return current;
            }
            long age = System.currentTimeMillis() - modified.toMillis();
            if (age < SETTLE_MILLIS) {
                Thread.sleep(SETTLE_MILLIS - age); // Maven may still be writing it
                return current();
            }
            int version = current == null ? 1 : current.version() + 1;
            Files.createDirectories(copies);
            Path copy = copies.resolve("v" + version + ".jar");
            byte[] bytes = Files.readAllBytes(jar);
            Files.write(copy, bytes);
            copiedTime = modified;
            copiedSize = size;
            current = new Snapshot(version, copy, Sha256.hex(bytes));
            return current;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The Maven module that builds {@code <module>/target/<name>.jar}. */
    private static String moduleOf(Path jar) {
        Path folder = jar.getParent();
        if (folder == null) {
            return ".";
        }
        Path module = folder.getFileName().toString().equals("target") ? folder.getParent() : folder;
        return module == null ? "." : module.toString();
    }
}
