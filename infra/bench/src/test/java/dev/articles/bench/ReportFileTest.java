package dev.articles.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportFileTest {

    @Test
    void theReportReplacesOnlyItsOwnPartOfThePage() {
        String page = "# Performance\n\nwritten by hand\n\n" + ReportFile.BEGIN + "\nold figures\n" + ReportFile.END
                + "\n\n## Scaling\n\nalso by hand\n";

        String merged = ReportFile.merge(page, "new figures\n");

        assertThat(merged).isEqualTo("# Performance\n\nwritten by hand\n\n" + ReportFile.BEGIN + "\nnew figures\n"
                + ReportFile.END + "\n\n## Scaling\n\nalso by hand\n");
    }
}
