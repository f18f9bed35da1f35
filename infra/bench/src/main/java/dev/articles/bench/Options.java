package dev.articles.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line: {@code [--quick] [--out FILE] [--skip-gateway] [--skip-lists] [--only writes|feed|search] [--cold-only]}.
 * {@code --quick} is a smoke run of every part in about a minute; its figures mean nothing. {@code --only writes}
 * runs the write-latency section alone (a few minutes) and rewrites only that section of the page; {@code --only feed}
 * the changes feed's section alike, {@code --only search} the search section (with {@code --quick}: 600 articles, enough for a page 2, 10
 * searches each). {@code --cold-only}
 * runs the cold-start parts alone (the profile, direct cold starts with the template's options, the gateway's
 * first requests and the fetches after them, artifact sizes): no JVM options, JIT, warm load or list pages.
 */
public record Options(boolean quick, Path out, boolean gateway, boolean lists, boolean onlyWrites, boolean onlyFeed,
                      boolean onlySearch, boolean coldOnly) {

    static final String USAGE = "usage: infra/bench/run [--quick] [--out FILE] [--skip-gateway] [--skip-lists] [--only writes|feed|search] [--cold-only]";

    public static Options parse(List<String> args, Path projectRoot) {
        boolean quick = false;
        boolean gateway = true;
        boolean lists = true;
        boolean onlyWrites = false;
        boolean onlyFeed = false;
        boolean onlySearch = false;
        boolean coldOnly = false;
        Path out = null;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> quick = true;
                case "--skip-gateway" -> gateway = false;
                case "--skip-lists" -> lists = false;
                case "--only" -> {
                    String section = i + 1 == args.size() ? "" : args.get(++i);
                    switch (section) {
                        case "writes" -> onlyWrites = true;
                        case "feed" -> onlyFeed = true;
                        case "search" -> onlySearch = true;
                        default -> throw new IllegalArgumentException("--only takes one section: writes, feed or search\n" + USAGE);
                    }
                }
                case "--cold-only" -> coldOnly = true;
                case "--out" -> {
                    if (i + 1 == args.size()) {
                        throw new IllegalArgumentException("--out needs a file");
                    }
                    out = Path.of(args.get(++i)).toAbsolutePath();
                }
                default -> throw new IllegalArgumentException("unknown option " + args.get(i) + "\n" + USAGE);
            }
        }
        if (out == null) {
            // A quick or partial run's figures must never overwrite the published ones.
            out = quick ? projectRoot.resolve("infra/bench/target/performance-quick.md")
                    : coldOnly ? projectRoot.resolve("infra/bench/target/performance-cold.md")
                    : projectRoot.resolve("docs/performance.md");
        }
        return new Options(quick, out, gateway, lists && !coldOnly, onlyWrites, onlyFeed, onlySearch, coldOnly);
    }

    /** Article counts the list pages are measured at. */
    public List<Integer> listSizes() {
        // Quick: the smallest size that still fills every page (tag+author in the window is a quarter of all).
        return quick ? List.of(500, 1_000) : List.of(1_000, 10_000, 100_000);
    }

    /** Drafts and scheduled articles stored beside the smallest size's live ones, to show a page does not read them. */
    public int notLiveArticles() {
        return quick ? 1_000 : 10_000;
    }

    /** Changes stored when a feed page is measured; the sync from nothing runs on {@link #syncArticles()}. */
    public List<Integer> feedSizes() {
        return quick ? List.of(500, 1_000) : List.of(1_000, 10_000, 100_000);
    }

    public int syncArticles() {
        return quick ? 1_000 : 10_000;
    }

    /** Enough for a stable median of a page that takes milliseconds. */
    public int feedTimedRuns() {
        return quick ? 3 : 11;
    }

    /** The search section: articles indexed, warm-up and timed requests per search, writes whose lag is timed. */
    public SearchRun.Plan searchPlan() {
        return quick ? new SearchRun.Plan(600, 2, 10, 2) : new SearchRun.Plan(10_000, 20, 200, 10);
    }

    public int listTimedRuns() {
        return quick ? 3 : 31;
    }

    public int bareRuns() {
        return quick ? 2 : 10;
    }

    /** Profiled starts of a function: the median of each group's figures. */
    public int profileRuns() {
        return quick ? 1 : 3;
    }

    /** Requests after a fetch's cold one, on the same fresh instance (the "first 20 fetches"). */
    public int fetchesAfterColdStart() {
        return quick ? 3 : 20;
    }

    public int coldRuns() {
        return quick ? 1 : 5;
    }

    /** Enough invocations for C2 to compile the hot paths before the steady state is measured. */
    public WarmJit.Plan jitPlan() {
        return quick ? new WarmJit.Plan(1, 20, 50) : new WarmJit.Plan(3, 2_000, 3_000);
    }

    /** Writes sent first at each point, then timed. */
    public int writeWarmUp() {
        return quick ? 2 : 10;
    }

    public int writeRequests() {
        return quick ? 5 : 41;
    }

    public GatewayBench.Plan gatewayPlan() {
        return quick ? new GatewayBench.Plan(1, fetchesAfterColdStart(), 5, 10, java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(500))
                : new GatewayBench.Plan(5, fetchesAfterColdStart(), 300, 1000, java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(8));
    }
}
