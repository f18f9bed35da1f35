package dev.articles.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import dev.articles.template.ResolvedJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's smoke run end to end: every part runs against the jars Maven built (declared
 * dependencies of this module) and the report has every section.
 * No figure is checked: times on a shared 2-core machine are not test material.
 */
class BenchQuickIT {

    @Test
    void aQuickRunReportsEveryPart(@TempDir Path dir) throws Exception {
        Path root = ProjectRoot.find();
        ResolvedJars.requireTemplateJars(root);
        assertThat(Bench.localJar(root)).as("the serve it runs").isEqualTo(ResolvedJars.of("articles-local"));
        Path out = dir.resolve("performance.md");

        String report = Bench.run(root, Options.parse(List.of("--quick", "--out", out.toString()), root), Progress.stderr());
        ReportFile.write(out, report, true);

        assertThat(report).contains("### Against the targets", "### Cold start", "### Warm requests through the gateway",
                "### Where a direct cold start's time goes", "### Artifacts", "### List page cost as the table grows",
                "### A public list page beside drafts and scheduled articles", "### JIT settings on warm functions");
        assertThat(report).doesNotContain("not measured", "NaN");
        assertThat(Files.readString(out)).isEqualTo(report);

        String writes = Bench.writes(root, Options.parse(List.of("--quick", "--only", "writes"), root), Progress.stderr()).markdown();
        assertThat(writes).contains("### Write latency by number of tags", "| create |", "| delete |").doesNotContain("NaN");

        Options quick = Options.parse(List.of("--quick", "--only", "feed"), root);
        String feed = FeedRun.run(root, quick.feedSizes(), quick.syncArticles(), quick.feedTimedRuns(), Progress.stderr()).markdown();
        assertThat(feed).contains("### Changes feed: page cost and a sync from nothing", "| up to date (a cursor at the end) |",
                "A sync from nothing of 1,000 articles").doesNotContain("NaN");
    }
}
