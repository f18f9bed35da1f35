package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import dev.articles.template.ResolvedJars;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --seed}, then {@code seed --url} against that serve, then {@code seed --data-dir} once it has stopped:
 * the sample articles are loaded through the API once, and neither rerun adds any.
 */
class SeedIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final int ARTICLES = DemoArticles.GENERATED + 1;

    @Test
    void seedsOnceThroughTheApi(@TempDir Path data) throws Exception {
        ResolvedJars.requireTemplateJars(ROOT);
        try (ServeProcess serve = ServeProcess.start(ROOT, "--data-dir", data.toString(), "--seed")) {
            URI api = serve.baseUrl();
            assertThat(serve.output()).contains("Seed: " + ARTICLES + " articles tagged seed: " + ARTICLES
                    + " created, 0 already there");
            List<Map<String, Object>> listed = seedArticles(api, "");
            assertThat(listed).hasSize(ARTICLES);

            // A filter sees what the index holds: one author's seed articles, newest first.
            String author = "Mei Lin";
            List<String> expected = DemoArticles.articles().stream().map(DemoArticles.Article::json)
                    .filter(a -> author.equals(a.get("author"))).map(a -> (String) a.get("title")).toList();
            List<Map<String, Object>> byAuthor = seedArticles(api, "&author=" + URLEncoder.encode(author, StandardCharsets.UTF_8));
            assertThat(byAuthor).extracting(a -> (String) a.get("title")).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(byAuthor).extracting(a -> (String) a.get("publishedAt")).isSortedAccordingTo((x, y) -> y.compareTo(x));

            // The contract's sample article, byte for byte.
            Map<String, Object> sample = listed.stream()
                    .filter(a -> a.get("title").equals(DemoArticles.articles().getFirst().title())).findFirst().orElseThrow();
            assertThat(Http.json(Http.get(api, "/articles/" + sample.get("id"))).get("body"))
                    .isEqualTo(Files.readString(ROOT.resolve("functions/api-tests/src/test/resources/samples/seed-article.txt")));

            assertThat(run("seed", "--url", api.toString()))
                    .contains("Seed: " + ARTICLES + " articles tagged seed: 0 created, " + ARTICLES + " already there");
            assertThat(seedArticles(api, "")).hasSize(ARTICLES);
        }
        assertThat(run("seed", "--data-dir", data.toString()))
                .contains("Seed: " + ARTICLES + " articles tagged seed: 0 created, " + ARTICLES + " already there");
    }

    /** Every article listed under the seed tag with {@code filters}, every page. */
    private static List<Map<String, Object>> seedArticles(URI api, String filters) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = Http.json(Http.get(api, "/articles?tag=" + DemoArticles.TAG + "&limit=7" + filters
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            for (Object item : (List<?>) page.get("items")) {
                out.add(Http.map(item));
            }
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return out;
    }

    /** Runs a command of the jar to its end; its stdout. */
    private static String run(String... arguments) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile("seed", ".log");
        Process process = new ProcessBuilder(ServeProcess.mainCommand(arguments)).directory(ROOT.toFile())
                .redirectError(stderr.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out + Files.readString(stderr)).isZero();
        return out;
    }
}
