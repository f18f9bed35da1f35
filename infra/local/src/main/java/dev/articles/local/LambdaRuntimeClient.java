package dev.articles.local;

import dev.articles.lambdaruntime.ExitWithParent;
import dev.articles.lambdaruntime.PortableRuntime;
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
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What runs a function's handler in its JVM, beside the function's jar: the AWS Lambda runtime interface
 * client (what AWS runs, with its native library) or the portable runtime loop (plain Java, the same Runtime
 * API contract for stream handlers) where that library cannot load. Either is extracted from our own jar into
 * a private folder; the native library is extracted once too, as the client otherwise copies it to one fixed
 * file in /tmp on every start, which concurrent starts trample. Both start under the guard that ends the JVM
 * when serve dies.
 */
final class LambdaRuntimeClient {

    static final String AWS_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String RESOURCE_DIR = "lambda-runtime/";
    private static final String AWS_CLIENT_JAR = "aws-lambda-java-runtime-interface-client";
    /** What the portable loop needs: itself and the Lambda core API (Context, RequestStreamHandler). */
    private static final List<String> PORTABLE_JARS = List.of("articles-lambda-runtime", "aws-lambda-java-core");

    /** {@code --runtime-client}: which one the function JVMs run on. */
    enum Kind {
        /** The AWS client where its native library loads (Linux on x86_64 or arm64), else the portable one. */
        AUTO,
        AWS,
        PORTABLE;

        static Kind parse(String value) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("--runtime-client is aws, portable or auto, got " + value);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final List<Path> jars;
    private final Optional<Path> nativeLibrary;

    private LambdaRuntimeClient(Kind kind, List<Path> jars, Optional<Path> nativeLibrary) {
        this.kind = kind;
        this.jars = List.copyOf(jars);
        this.nativeLibrary = nativeLibrary;
    }

    /** @param wanted AUTO picks the AWS client where its native library exists for this machine */
    static LambdaRuntimeClient extract(Path workDir, Kind wanted) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("lambda-runtime"));
            List<Path> all = extractJars(dir);
            Path awsClient = all.stream().filter(j -> j.getFileName().toString().startsWith(AWS_CLIENT_JAR))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "the Lambda runtime interface client is missing from our jar; rebuild articles-local"));
            Optional<String> nativeEntry = nativeLibraryEntry();
            if (wanted == Kind.AWS && nativeEntry.isEmpty()) {
                throw new IllegalStateException("the AWS Lambda runtime interface client runs on Linux (x86_64, arm64)"
                        + " only; this is " + System.getProperty("os.name") + " on " + System.getProperty("os.arch")
                        + ": use --runtime-client portable (the default here)");
            }
            if (wanted == Kind.PORTABLE || nativeEntry.isEmpty()) {
                List<Path> portable = all.stream().filter(j -> PORTABLE_JARS.stream()
                        .anyMatch(name -> j.getFileName().toString().startsWith(name + "-"))).toList();
                return new LambdaRuntimeClient(Kind.PORTABLE, portable, Optional.empty());
            }
            return new LambdaRuntimeClient(Kind.AWS, all, Optional.of(extractNativeLibrary(awsClient, nativeEntry.get(), dir)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the Lambda runtime client", e);
        }
    }

    /** The client chosen: AWS or PORTABLE, never AUTO. */
    Kind kind() {
        return kind;
    }

    /** What follows the class path: JVM options, then the guard as main class with the client and the handler. */
    List<String> launch(String handler, int jvmFeature) {
        List<String> arguments = new ArrayList<>();
        nativeLibrary.ifPresent(library -> {
            arguments.add("-D" + NATIVE_LIBRARY_PROPERTY + "=" + library);
            if (jvmFeature >= 22) {
                arguments.add("--enable-native-access=ALL-UNNAMED"); // the AWS client loads a JNI library
            }
        });
        arguments.addAll(List.of(ExitWithParent.class.getName(),
                kind == Kind.AWS ? AWS_MAIN_CLASS : PortableRuntime.class.getName(), handler));
        return arguments;
    }

    List<Path> jars() {
        return jars;
    }

    private static List<Path> extractJars(Path dir) throws IOException {
        List<Path> jars = new ArrayList<>();
        Path source;
        try {
            source = Path.of(LambdaRuntimeClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isDirectory(source)) { // run from target/classes (tests)
            try (Stream<Path> files = Files.list(source.resolve(RESOURCE_DIR))) {
                for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(Files.copy(jar, dir.resolve(jar.getFileName().toString())));
                }
            }
            return jars;
        }
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
        return jars;
    }

    /** The AWS client's JNI library for this machine: Linux on x86_64 or arm64, glibc or musl; empty elsewhere. */
    private static Optional<String> nativeLibraryEntry() {
        if (!System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
        return Optional.ofNullable(arch).map(a -> "jni/libaws-lambda-jni." + (isMusl() ? "linux_musl" : "linux") + "-" + a + ".so");
    }

    private static Path extractNativeLibrary(Path clientJar, String entryName, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(clientJar.toFile())) {
            ZipEntry entry = zip.getEntry(entryName);
            if (entry == null) {
                throw new IllegalStateException("the Lambda runtime client has no " + entryName + "; use --runtime-client portable");
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
