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
    /** The write-latency section's own block: {@code --only writes} rewrites it alone. */
    static final String WRITES_BEGIN = "<!-- bench:writes:begin (written by infra/bench/run; edits here are overwritten) -->";
    static final String WRITES_END = "<!-- bench:writes:end -->";
    /** The changes feed's own block: {@code --only feed} rewrites it alone. */
    static final String FEED_BEGIN = "<!-- bench:feed:begin (written by infra/bench/run; edits here are overwritten) -->";
    static final String FEED_END = "<!-- bench:feed:end -->";
    /** The search section's own block: {@code --only search} rewrites it alone. */
    static final String SEARCH_BEGIN = "<!-- bench:search:begin (written by infra/bench/run; edits here are overwritten) -->";
    static final String SEARCH_END = "<!-- bench:search:end -->";

    private ReportFile() {}

    public static void write(Path file, String report, boolean whole) throws IOException {
        write(file, report, whole, BEGIN, END);
    }

    /** As {@link #write(Path, String, boolean)}, between the given markers. */
    public static void write(Path file, String report, boolean whole, String begin, String end) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, whole ? report : merge(Files.exists(file) ? Files.readString(file) : null, report, begin, end));
    }

    static String merge(String page, String report) {
        return merge(page, report, BEGIN, END);
    }

    static String merge(String page, String report, String beginMarker, String endMarker) {
        String block = beginMarker + "\n" + report + endMarker;
        if (page == null) {
            return "# Performance\n\n" + block + "\n";
        }
        int begin = page.indexOf(beginMarker);
        int end = page.indexOf(endMarker);
        if (begin < 0 || end < begin) {
            return page.stripTrailing() + "\n\n" + block + "\n";
        }
        return page.substring(0, begin) + block + page.substring(end + endMarker.length());
    }
}
