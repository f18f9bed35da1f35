package dev.articles.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Lambda runtime interface client (what AWS puts beside a function's jar), extracted from our own jar
 * into a private folder, with its native library extracted once too: the client otherwise copies that library
 * to one fixed file in /tmp on every start, which concurrent starts trample.
 */
final class LambdaRuntimeClient {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RESOURCE_DIR = "lambda-runtime/";

    private final List<Path> jars;
    private final Path nativeLibrary;

    private LambdaRuntimeClient(List<Path> jars, Path nativeLibrary) {
        this.jars = List.copyOf(jars);
        this.nativeLibrary = nativeLibrary;
    }

    static LambdaRuntimeClient extract(Path workDir) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("lambda-runtime"));
            List<Path> jars = new ArrayList<>();
            Path source = Path.of(LambdaRuntimeClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(source)) { // run from target/classes (tests)
                try (Stream<Path> files = Files.list(source.resolve(RESOURCE_DIR))) {
                    for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                        jars.add(Files.copy(jar, dir.resolve(jar.getFileName().toString())));
                    }
                }
            } else {
                try (JarFile own = new JarFile(source.toFile())) {
                    Enumeration<JarEntry> entries = own.entries();
                    while (entries.hasMoreElements()) {
                        JarEntry entry = entries.nextElement();
                        String name = entry.getName();
                        if (name.startsWith(RESOURCE_DIR) && name.endsWith(".jar")) {
                            Path target = dir.resolve(name.substring(RESOURCE_DIR.length()));
                            try (InputStream in = own.getInputStream(entry)) {
                                Files.copy(in, target);
                            }
                            jars.add(target);
                        }
                    }
                }
            }
            Path client = jars.stream().filter(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "the Lambda runtime interface client is missing from " + source + "; rebuild articles-local"));
            return new LambdaRuntimeClient(jars, extractNativeLibrary(client, dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Lambda runtime interface client", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Path> jars() {
        return jars;
    }

    Path nativeLibrary() {
        return nativeLibrary;
    }

    private static Path extractNativeLibrary(Path clientJar, Path dir) throws IOException {
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the Lambda runtime client has no native library for "
                    + System.getProperty("os.arch"));
        };
        String libc = isMusl() ? "linux_musl" : "linux";
        String entryName = "jni/libaws-lambda-jni." + libc + "-" + arch + ".so";
        try (ZipFile zip = new ZipFile(clientJar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null || !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")) {
                throw new IllegalStateException("the Lambda runtime client runs on Linux only (it has no " + entryName
                        + " for " + System.getProperty("os.name") + ")");
            }
            Path target = dir.resolve("libaws-lambda-jni.so");
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, target);
            }
            return target;
        }
    }

    private static boolean isMusl() {
        try (Stream<Path> lib = Files.list(Path.of("/lib"))) {
            return lib.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
        } catch (IOException e) {
            return false;
        }
    }
}
