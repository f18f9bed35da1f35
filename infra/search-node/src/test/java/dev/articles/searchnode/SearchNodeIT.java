package dev.articles.searchnode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A real OpenSearch node in its own JVM: it starts, stems English, and stops leaving no process and no folder. */
class SearchNodeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsSearchesWithTheEnglishAnalyzerAndStopsWithNoOrphan() throws Exception {
        SearchNodeProcess node = SearchNodeProcess.start(ProjectRoot.find(), Optional.empty(), System.out::println);
        ProcessHandle jvm = ProcessHandle.of(node.pid()).orElseThrow();
        Path home = node.home();
        try {
            // Reported, not asserted (no timed assertion): the figures docs/performance.md gives.
            System.out.printf("search node: ready in %d ms, RSS %d MB%n", node.startTime().toMillis(), rssMegabytes(node.pid()));
            assertThat(node.url().getHost()).isEqualTo("127.0.0.1");

            assertThat(send("PUT", node.url(), "/news", """
                    {"mappings": {"properties": {"title": {"type": "text", "analyzer": "english"}}}}""").statusCode())
                    .isEqualTo(200);
            assertThat(send("PUT", node.url(), "/news/_doc/1?refresh=true", """
                    {"title": "The march on the capital"}""").statusCode()).isEqualTo(201);
            send("PUT", node.url(), "/news/_doc/2?refresh=true", """
                    {"title": "Budget talks stall"}""");

            HttpResponse<String> found = send("POST", node.url(), "/news/_search", """
                    {"query": {"match": {"title": "marched"}}}""");
            assertThat(found.statusCode()).isEqualTo(200);
            assertThat(found.body()).contains("\"total\":{\"value\":1,").contains("\"_id\":\"1\"");
        } finally {
            node.close();
        }
        assertThat(jvm.isAlive()).isFalse();
        assertThat(node.isAlive()).isFalse();
        assertThat(home).doesNotExist();
    }

    private HttpResponse<String> send(String method, URI base, String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long rssMegabytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return 0;
    }
}
