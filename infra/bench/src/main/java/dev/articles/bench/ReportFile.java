package dev.articles.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's report. Into docs/performance.md it goes between two markers, so the page's written parts
 * (what each lever bought, the scaling section) stay as they are; any other file gets the report alone.
 */
public final class ReportFile {

    static final String BEGIN = "<!-- bench:begin (written by infra/bench/run; edits here are overwritten) -->";
    static final String END = "<!-- bench:end -->";

    private ReportFile() {}

    public static void write(Path file, String report, boolean whole) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, whole ? report : merge(Files.exists(file) ? Files.readString(file) : null, report));
    }

    static String merge(String page, String report) {
        String block = BEGIN + "\n" + report + END;
        if (page == null) {
            return "# Performance\n\n" + block + "\n";
        }
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            return page.stripTrailing() + "\n\n" + block + "\n";
        }
        return page.substring(0, begin) + block + page.substring(end + END.length());
    }
}
