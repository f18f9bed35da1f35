package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.local.launcher.JdkFinder;
import dev.articles.template.ProjectRoot;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar articles-local.jar serve} killed with SIGKILL (an IDE's stop button, the OOM killer) leaves
 * nothing behind: the re-executed server JVM, dynalite and every function JVM end within seconds, and the next
 * serve on the same data dir starts and has the data. The launcher runs on a JDK older than 21 when one is
 * installed, so that it re-executes itself as it does on such a default {@code java}.
 */
class NoOrphansIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final Path JAR = ROOT.resolve("infra/local/target/articles-local.jar");

    @Test
    void aKilledServeLeavesNoProcessAndFreesItsDataDir(@TempDir Path dataDir) throws Exception {
        assertThat(JAR).as("build it first: infra/mvnw -pl infra/local -am package").isRegularFile();
        List<String> command = new ArrayList<>(List.of(launcherJava().toString(), "-jar", JAR.toString(),
                "serve", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(ServeProcess.runtimeClientArguments());
        String id;
        List<ProcessHandle> family;
        ServeProcess first = ServeProcess.start(ROOT, command);
        try {
            URI api = first.baseUrl();
            HttpResponse<String> created = Http.send(api, "POST", "/articles",
                    "{\"title\":\"outlives a SIGKILL\",\"body\":\"kept\"}".getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = (String) Http.json(created).get("id");
            family = first.descendants(); // the server JVM (when re-executed), dynalite, the function JVM
            assertThat(family).as("dynalite and a function JVM at least").hasSizeGreaterThanOrEqualTo(2);
            first.kill();
        } catch (RuntimeException | Error e) {
            first.close();
            throw e;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (family.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(family).as("alive 10 s after the kill: " + describe(family)).noneMatch(ProcessHandle::isAlive);

        try (ServeProcess second = ServeProcess.start(ROOT, "--data-dir", dataDir.toString())) {
            HttpResponse<String> fetched = Http.get(second.baseUrl(), "/articles/" + id);
            assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
            Map<String, Object> article = Http.json(fetched);
            assertThat(article.get("title")).isEqualTo("outlives a SIGKILL");
        }
    }

    /** The oldest JDK installed, to run the launcher as an older default `java` would (it re-executes on 21+). */
    private static Path launcherJava() {
        return JdkFinder.all().stream().min(Comparator.comparingInt(JdkFinder.Jdk::feature)).map(JdkFinder.Jdk::java)
                .orElseThrow();
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().or(() -> p.info().command()).orElse("?")).toList().toString();
    }
}
