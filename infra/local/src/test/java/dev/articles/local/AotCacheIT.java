package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.articles.local.launcher.JdkFinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function JVMs' AOT cache across serve's lives: the first instance of a build records it and writes it
 * when serve stops; the next server's cold starts map it; a rebuilt jar records anew and replaces it; a
 * recording cut short leaves nothing behind.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it reads the function JVMs' command lines and mapped files from /proc, which only Linux has")
class AotCacheIT {

    private TestFunctionProject project;

    @BeforeEach
    void project(@TempDir Path dir) {
        assumeTrue(JdkFinder.exactly(AotCache.MIN_FEATURE).isPresent(), "no JDK " + AotCache.MIN_FEATURE + " here");
        project = TestFunctionProject.create(dir);
    }

    @Test
    void recordedOnceThenMappedByLaterColdStarts() {
        long recorder;
        try (ServeProcess serve = serve()) {
            recorder = pid(serve, "/echo/first");
            assertThat(commandLine(recorder)).anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="));
            serve.close();
            Eventually.holds(() -> assertThat(serve.output()).contains("stopping:")
                    .contains("[EchoFunction] instance 1: AOT cache written for the next cold starts")
                    .doesNotContain("AOTConfiguration")); // the JVM's own report of it is not function output
        }
        Path cache = onlyCache();
        assertThat(cache.getFileName().toString()).matches("EchoFunction-[0-9a-f]{16}\\.aot");

        try (ServeProcess serve = serve()) {
            long mapped = pid(serve, "/echo/second");
            assertThat(commandLine(mapped)).contains("-XX:AOTCache=" + cache);
            assertThat(mappedFiles(mapped)).as("the JVM's memory maps").contains(cache.toString());
            assertThat(pid(serve, "/echo/warm")).isEqualTo(mapped);
            serve.close();
            Eventually.holds(() -> assertThat(serve.output()).contains("stopping:"));
            assertThat(serve.output()).doesNotContain("AOT cache");
        }
        assertThat(onlyCache()).isEqualTo(cache);

        project.buildJar(); // a new build: its classes may differ, so the old cache must not be mapped
        try (ServeProcess serve = serve()) {
            assertThat(commandLine(pid(serve, "/echo/rebuilt"))).anyMatch(o -> o.startsWith("-XX:AOTCacheOutput="))
                    .noneMatch(o -> o.startsWith("-XX:AOTCache="));
        }
        assertThat(onlyCache()).isNotEqualTo(cache);
    }

    @Test
    void aRecordingCutShortLeavesNothing() {
        try (ServeProcess serve = serve()) {
            assertThat(Http.get(serve.baseUrl(), "/echo/slow?sleep=10000").statusCode()).isEqualTo(503); // past Timeout
            Eventually.holds(() -> assertThat(serve.output()).contains("[EchoFunction] instance 1: no AOT cache"));
        }
        assertThat(cacheFiles()).isEmpty();
    }

    private ServeProcess serve() {
        return ServeProcess.start(Path.of(System.getProperty("project.root")), "--in-memory",
                "--template", project.template().toString(), "--parameter", "Issuer=https://issuer.example");
    }

    private static long pid(ServeProcess serve, String path) {
        return ((Number) Http.json(Http.get(serve.baseUrl(), path)).get("pid")).longValue();
    }

    private Path onlyCache() {
        List<Path> files = cacheFiles();
        assertThat(files).as("the cache folder holds one whole cache and no partial files").hasSize(1);
        return files.getFirst();
    }

    private List<Path> cacheFiles() {
        Path folder = project.jar().resolveSibling(AotCache.FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> commandLine(long pid) {
        try {
            String raw = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8);
            return List.of(raw.split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mappedFiles(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
