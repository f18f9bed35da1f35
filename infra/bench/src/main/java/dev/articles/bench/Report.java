package dev.articles.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Collects one run's results and renders them as Markdown: the targets first, then every measurement. */
public final class Report {

    /** A DynamoDB route's cold first request through serve, over the fallback route's in the same run. */
    static final double GATEWAY_COLD_OVER_FLOOR_TARGET = 1.5;
    /** A DynamoDB function's direct cold start (fresh JVM, handler built, first response) over the fallback's. */
    static final double DIRECT_COLD_OVER_FLOOR_TARGET = 3;
    static final double FETCHES_AFTER_COLD_P50_TARGET_MS = 10;
    static final double WARM_FETCH_P50_TARGET_MS = 5;
    static final double LIST_RATIO_TARGET = 1.2;
    static final long DYNAMODB_ARTIFACT_TARGET_BYTES = 6_000_000;
    /** The function without the AWS SDK: the floor of every cold-start target (BenchFunction's name). */
    static final String FLOOR = "route-fallback";
    static final String FUNCTIONS_HTTP_CLIENT = "url-connection";

    private final Options options;
    private final Machine machine;
    private final String loadAtStart;
    private final Instant started;
    private String loadAtEnd = "?";
    private Instant finished;
    private List<Double> bareJava = List.of();
    private List<Artifacts.Artifact> artifacts = List.of();
    private List<DirectColdStart.Result> direct = List.of();
    private List<WarmJit.Result> jit = List.of();
    private List<ColdProfile.Result> profiles = List.of();
    private EngineLatency.Result engine;
    private GatewayBench.Result gateway;
    private String gatewaySkipped;
    private ListPageRun.Result lists;

    public Report(Options options, Machine machine, String loadAtStart, Instant started) {
        this.options = options;
        this.machine = machine;
        this.loadAtStart = loadAtStart;
        this.started = started;
    }

    public Machine machine() {
        return machine;
    }

    void bareJava(List<Double> times) {
        bareJava = List.copyOf(times);
    }

    void artifacts(List<Artifacts.Artifact> measured) {
        artifacts = List.copyOf(measured);
    }

    void direct(List<DirectColdStart.Result> results) {
        direct = List.copyOf(results);
    }

    void profiles(List<ColdProfile.Result> results) {
        profiles = List.copyOf(results);
    }

    void jit(List<WarmJit.Result> results) {
        jit = List.copyOf(results);
    }

    void engine(EngineLatency.Result result) {
        engine = result;
    }

    void gateway(GatewayBench.Result result) {
        gateway = result;
    }

    void gatewaySkipped(String why) {
        gatewaySkipped = why;
    }

    void lists(ListPageRun.Result result) {
        lists = result;
    }

    void finished(String load, Instant at) {
        loadAtEnd = load;
        finished = at;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        Duration took = Duration.between(started, finished == null ? Instant.now() : finished);
        line(md, "Command: `infra/bench/run%s%s` · run %s · took %d min %d s%s", options.quick() ? " --quick" : "",
                options.coldOnly() ? " --cold-only" : "",
                started.truncatedTo(ChronoUnit.SECONDS), took.toMinutes(), took.toSecondsPart(),
                options.quick() ? " · **quick smoke run: these figures mean nothing**" : "");
        line(md, "");
        line(md, "Machine: %d cores (%s), %,d MB memory · functions' JDK: %s · bench JVM: %s · load average (1 min) "
                        + "%s at the start, %s at the end. Compare figures only within one run.",
                machine.cores(), machine.cpu(), machine.memoryMb(), machine.functionJdk(), machine.benchJvm(),
                loadAtStart, loadAtEnd);
        line(md, "");
        targets(md);
        coldStarts(md);
        profile(md);
        warm(md);
        artifactTable(md);
        listPages(md);
        levers(md);
        warmJit(md);
        return md.toString();
    }

    private void targets(StringBuilder md) {
        line(md, "### Against the targets");
        line(md, "");
        line(md, "| target | measured | met |");
        line(md, "| --- | --- | --- |");
        if (gateway != null) {
            GatewayBench.Cold floor = gateway.floor();
            GatewayBench.Cold worst = gateway.cold().stream().filter(c -> c != floor)
                    .max((a, b) -> Double.compare(a.overFloor(floor), b.overFloor(floor))).orElseThrow();
            double ratio = worst.overFloor(floor);
            line(md, "| each DynamoDB route's cold first request through `serve` ≤ %.1fx the fallback route's (median of "
                            + "%d fresh servers) | worst %.2fx (%s: %.0f ms vs %.0f ms); ÷ a bare `java -version`: %.1fx "
                            + "vs %.1fx | %s |", GATEWAY_COLD_OVER_FLOOR_TARGET, options.coldRuns(), ratio,
                    worst.route().name(), Stats.median(worst.clientMillis()), Stats.median(floor.clientMillis()),
                    worst.ratio(), floor.ratio(), met(ratio <= GATEWAY_COLD_OVER_FLOOR_TARGET));
        } else {
            line(md, "| cold first requests, fetches after a cold start, warm fetch, 64 clients | not measured: %s | - |",
                    gatewaySkipped);
        }
        directFloorTarget(md);
        if (gateway != null) {
            double after = Stats.median(gateway.fetchesAfterCold());
            line(md, "| the %d fetches after a fetch's cold start, p50 ≤ %.0f ms | %.2f ms (p99 %.2f ms, %d fetches) | %s |",
                    options.fetchesAfterColdStart(), FETCHES_AFTER_COLD_P50_TARGET_MS, after,
                    Stats.percentile(gateway.fetchesAfterCold(), 99), gateway.fetchesAfterCold().size(),
                    met(after <= FETCHES_AFTER_COLD_P50_TARGET_MS));
        }
        if (gateway != null && !gateway.warm().isEmpty()) {
            double fetch = gateway.warm().stream().filter(w -> w.route().function().equals("GetArticleFunction"))
                    .mapToDouble(GatewayBench.Warm::p50).findFirst().orElse(Double.NaN);
            line(md, "| warm fetch p50 through the local gateway ≤ %.0f ms | %.2f ms | %s |", WARM_FETCH_P50_TARGET_MS,
                    fetch, met(fetch <= WARM_FETCH_P50_TARGET_MS));
            long requests = gateway.load().stream().filter(l -> l.clients() == 64).mapToLong(GatewayBench.Load::requests).sum();
            long errors = gateway.load().stream().filter(l -> l.clients() == 64).mapToLong(GatewayBench.Load::errors).sum();
            line(md, "| 64 concurrent clients against `serve`, zero errors | %,d errors in %,d requests (all routes) | %s |",
                    errors, requests, met(errors == 0 && requests > 0));
        }
        if (lists != null) {
            double units = worstListRatio(ListPageCost.Measurement::engineRcu);
            double time = worstListTimeRatio();
            line(md, "| list page at %,d articles within %.1fx of %,d: read units | worst %.2fx | %s |", largestSize(),
                    LIST_RATIO_TARGET, smallestSize(), units, met(units <= LIST_RATIO_TARGET));
            line(md, "| the same: time | worst %.2fx | %s |", time, met(time <= LIST_RATIO_TARGET));
            int live = smallestSize();
            int all = live + lists.notLive();
            double beside = worst(lists.besideNotLive(), row -> ratio(row, ListPageCost.Measurement::engineRcu, live, all));
            double besideTime = worst(lists.besideNotLive(), row -> timeRatio(row, live, all));
            long showing = lists.besideNotLive().stream().filter(m -> m.notLive() > 0).count();
            line(md, "| list page beside %,d drafts and scheduled articles: read units as without them, none of them shown "
                    + "| worst %.2fx; %d pages showing one | %s |", lists.notLive(), beside, showing,
                    met(beside <= 1.0 && showing == 0));
            line(md, "| the same: time within %.1fx | worst %.2fx | %s |", LIST_RATIO_TARGET, besideTime,
                    met(besideTime <= LIST_RATIO_TARGET));
        }
        Artifacts.Artifact largest = artifacts.stream().filter(a -> !a.function().equals(FLOOR))
                .max((a, b) -> Long.compare(a.bytes(), b.bytes())).orElseThrow();
        boolean onlyOurs = artifacts.stream().allMatch(a -> List.of(FUNCTIONS_HTTP_CLIENT).containsAll(a.httpClients()));
        line(md, "| each DynamoDB function's jar ≤ %s, no HTTP client but %s | largest %s (%s); HTTP clients inside: %s | %s |",
                megabytes(DYNAMODB_ARTIFACT_TARGET_BYTES), FUNCTIONS_HTTP_CLIENT, megabytes(largest.bytes()),
                largest.function(), artifacts.stream().flatMap(a -> a.httpClients().stream()).distinct().toList(),
                met(largest.bytes() <= DYNAMODB_ARTIFACT_TARGET_BYTES && onlyOurs));
        line(md, "");
    }

    /** Direct cold starts (the template's options) of each DynamoDB function over the fallback's. */
    private void directFloorTarget(StringBuilder md) {
        List<DirectColdStart.Result> template = direct.stream().filter(r -> r.variant().equals(JvmLevers.TEMPLATE)).toList();
        DirectColdStart.Result floor = template.stream().filter(r -> r.function().name().equals(FLOOR)).findFirst().orElse(null);
        if (floor == null) {
            return;
        }
        double floorMillis = floor.median(DirectColdStart.Start::toFirstResponse);
        DirectColdStart.Result worst = template.stream().filter(r -> r != floor)
                .max((a, b) -> Double.compare(a.median(DirectColdStart.Start::toFirstResponse),
                        b.median(DirectColdStart.Start::toFirstResponse))).orElseThrow();
        double ratio = worst.median(DirectColdStart.Start::toFirstResponse) / floorMillis;
        line(md, "| each DynamoDB function's direct cold start (fresh JVM, handler built, first response) ≤ %.0fx the "
                        + "fallback's | worst %.2fx (%s: %.0f ms vs %.0f ms) | %s |", DIRECT_COLD_OVER_FLOOR_TARGET, ratio,
                worst.function().name(), worst.median(DirectColdStart.Start::toFirstResponse), floorMillis,
                met(ratio <= DIRECT_COLD_OVER_FLOOR_TARGET));
    }

    private void coldStarts(StringBuilder md) {
        line(md, "### Cold start (median of %d fresh starts each)", options.coldRuns());
        line(md, "");
        line(md, "Bare `java -version` on the functions' JDK: **%.0f ms** (median of %d at the start of the run). Each "
                + "cold start below is paired with a bare `java -version` run just before it, and divided by the median "
                + "of those, so both times share the machine's load.", median(bareJava), bareJava.size());
        line(md, "");
        if (gateway != null) {
            line(md, "Through the gateway (`serve`, the real Lambda runtime client in each function JVM): the client's "
                    + "first request to each route on a fresh server, and the Init Duration of Lambda's REPORT line. "
                    + "Each fresh server first answers a CORS preflight itself (its own JVM's first request is not a "
                    + "function's cold start; API Gateway is never cold), and the routes take turns at going first. The "
                    + "function JVMs map the AOT cache the local runtime recorded from the build's first instance, as "
                    + "every cold start but a build's first does; the last three columns are that first cold start "
                    + "(one per build, so one sample), on a JVM recording the cache.");
            line(md, "");
            line(md, "| route | first request | ÷ fallback | Init Duration | paired bare java | first request ÷ bare java "
                    + "| a build's first: first request | its Init Duration | its ÷ bare java |");
            line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (GatewayBench.Cold cold : gateway.cold()) {
                GatewayBench.FirstOfBuild first = cold.firstOfBuild();
                line(md, "| %s | %.0f ms | %.2fx | %.0f ms | %.0f ms | %.1fx | %.0f ms | %.0f ms | %.1fx |", cold.route().name(),
                        Stats.median(cold.clientMillis()), cold.overFloor(gateway.floor()), Stats.median(cold.initMillis()),
                        Stats.median(cold.bareMillis()), cold.ratio(), first.clientMillis(), first.initMillis(),
                        first.clientMillis() / first.bareMillis());
            }
            line(md, "");
            List<Double> after = gateway.fetchesAfterCold();
            line(md, "After the fetch route's cold first request on each fresh server, %d more fetches to the instance "
                    + "that just started, one after another: p50 %.2f ms, p99 %.2f ms, slowest %.2f ms (%d fetches).",
                    options.fetchesAfterColdStart(), Stats.median(after), Stats.percentile(after, 99),
                    Stats.percentile(after, 100), after.size());
            line(md, "");
        }
        line(md, "Direct (no runtime client, no gateway: a fresh JVM that builds the handler and invokes it with the "
                + "sample event, with the template's JAVA_TOOL_OPTIONS): time from spawn to each step.");
        line(md, "");
        line(md, "| function | JVM to main | handler built (init) | first response | ÷ fallback | paired bare java "
                + "| ÷ bare java | primed: first response after priming |");
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        DirectColdStart.Result floor = direct.stream().filter(r -> r.variant().equals(JvmLevers.TEMPLATE)
                && r.function().name().equals(FLOOR)).findFirst().orElse(null);
        for (DirectColdStart.Result r : direct) {
            if (r.variant().equals(JvmLevers.TEMPLATE)) {
                double first = r.median(DirectColdStart.Start::toFirstResponse);
                DirectColdStart.Result primed = direct.stream().filter(p -> p.variant().equals(JvmLevers.PRIMED)
                        && p.function().equals(r.function())).findFirst().orElse(null);
                line(md, "| %s | %.0f ms | %.0f ms | %.0f ms (%s) | %.2fx | %.0f ms | %.1fx | %s |", r.function().name(),
                        r.median(DirectColdStart.Start::toMain), r.median(DirectColdStart.Start::toInit), first,
                        r.starts().getFirst().status(),
                        floor == null ? Double.NaN : first / floor.median(DirectColdStart.Start::toFirstResponse),
                        r.median(DirectColdStart.Start::bare), r.ratio(),
                        primed == null || Double.isNaN(primed.median(DirectColdStart.Start::toPrimed)) ? "-" : String.format(Locale.ROOT, "%.1f ms (primed init %.0f ms)",
                                primed.median(DirectColdStart.Start::afterPriming),
                                primed.median(DirectColdStart.Start::toPrimed)));
            }
        }
        line(md, "");
        line(md, "Primed: the same fresh JVM runs the handler's SnapStart priming (its `beforeCheckpoint`, as Lambda "
                + "does before the snapshot) after init, then the first response is timed from there: the closest local "
                + "stand-in for a restored instance's first request (no SnapStart outside Lambda); the primed init is "
                + "spawn to priming done. The fallback has no priming.");
        line(md, "");
    }

    private void profile(StringBuilder md) {
        if (profiles.isEmpty()) {
            return;
        }
        line(md, "### Where a direct cold start's time goes (class loading by library, median of %d)",
                profiles.getFirst().runs());
        line(md, "");
        line(md, "A direct cold start (as above) with `-Xlog:class+load`: each class the JVM loaded after `main`, by the "
                + "library it comes from, in the handler's construction (init) and the first request. A class's time is "
                + "the gap from the previous class load to its own (loading, linking, static initialisers and whatever "
                + "ran in between, I/O waits included), so the groups add up to the phase; logging every class slows the "
                + "JVM a little, so compare shares, not these times with the table above. Groups with no class are left "
                + "out.");
        line(md, "");
        StringBuilder header = new StringBuilder("| group |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (ColdProfile.Result p : profiles) {
            header.append(String.format(Locale.ROOT, " %s: init classes | ms | first request classes | ms |", p.function().name()));
            rule.append(" ---: | ---: | ---: | ---: |");
        }
        line(md, "%s", header);
        line(md, "%s", rule);
        for (String group : profiles.getFirst().groups().keySet()) {
            if (profiles.stream().allMatch(p -> p.groups().get(group).stream().allMatch(c -> c.classes() == 0))) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + group + " |");
            for (ColdProfile.Result p : profiles) {
                for (ColdProfile.Cell cell : p.groups().get(group)) {
                    row.append(String.format(Locale.ROOT, " %.0f | %.1f |", cell.classes(), cell.millis()));
                }
            }
            line(md, "%s", row);
        }
        StringBuilder total = new StringBuilder("| **all** |");
        for (ColdProfile.Result p : profiles) {
            for (int phase = 0; phase < ColdProfile.PHASES.size(); phase++) {
                total.append(String.format(Locale.ROOT, " **%.0f** | **%.1f** |", p.total(phase).classes(), p.total(phase).millis()));
            }
        }
        line(md, "%s", total);
        line(md, "");
    }

    private void warm(StringBuilder md) {
        if (gateway == null || gateway.warm().isEmpty()) {
            return;
        }
        line(md, "### Warm requests through the gateway");
        line(md, "");
        line(md, "Latency one request at a time (after a warm-up), then requests per second with 1, 8 and 64 clients "
                + "each sending one request after another (serve runs up to 4 instances per function).");
        line(md, "");
        line(md, "| route | p50 | p99 | req/s, 1 client | req/s, 8 | req/s, 64 | p99 at 64 | errors |");
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (GatewayBench.Warm warm : gateway.warm()) {
            List<GatewayBench.Load> loads = gateway.load().stream().filter(l -> l.route().equals(warm.route())).toList();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms |",
                    warm.route().name(), warm.p50(), warm.p99()));
            for (int clients : GatewayBench.CLIENTS) {
                loads.stream().filter(l -> l.clients() == clients).findFirst()
                        .ifPresent(l -> row.append(String.format(Locale.ROOT, " %.0f |", l.perSecond())));
            }
            if (loads.isEmpty()) {
                row.append(" not under load: concurrent edits of one article race for its version (412) | | | | |");
            } else {
                GatewayBench.Load most = loads.getLast();
                row.append(String.format(Locale.ROOT, " %.1f ms | %d |", most.p99(),
                        loads.stream().mapToLong(GatewayBench.Load::errors).sum()));
            }
            line(md, "%s", row);
        }
        if (engine != null) {
            line(md, "");
            line(md, "Under the fetch: the same consistent GetItem from the bench's own warm client straight to dynalite "
                    + "(no gateway, runtime client or function) takes p50 %.2f ms, p99 %.2f ms (%,d calls); the fallback "
                    + "route's p50 is the gateway and runtime client alone.", engine.p50(), engine.p99(), engine.calls());
        }
        gateway.load().stream().filter(l -> l.firstError() != null).forEach(l ->
                line(md, "%n- %s, %d clients, first error: %s", l.route().name(), l.clients(), l.firstError()));
        line(md, "");
    }

    private void artifactTable(StringBuilder md) {
        line(md, "### Artifacts (the shaded jar each CodeUri names, uploaded as it is)");
        line(md, "");
        line(md, "| function | size | bytes | entries | HTTP clients inside |");
        line(md, "| --- | ---: | ---: | ---: | --- |");
        for (Artifacts.Artifact a : artifacts) {
            line(md, "| %s | %s | %,d | %,d | %s |", a.function(), megabytes(a.bytes()), a.bytes(), a.entries(),
                    a.httpClients().isEmpty() ? "none" : String.join(", ", a.httpClients()));
        }
        line(md, "");
    }

    private void listPages(StringBuilder md) {
        if (lists == null) {
            return;
        }
        line(md, "### List page cost as the table grows");
        line(md, "");
        line(md, "The first page's Query (limit + 1 items), ReturnConsumedCapacity=TOTAL, median time of %d through "
                + "the SDK to dynalite; one table per size, queried in turn.", options.listTimedRuns());
        line(md, "");
        List<Integer> sizes = options.listSizes();
        StringBuilder header = new StringBuilder("| pattern | limit |");
        StringBuilder rule = new StringBuilder("| --- | ---: |");
        for (int size : sizes) {
            header.append(String.format(Locale.ROOT, " RCU %s |", count(size)));
            rule.append(" ---: |");
        }
        header.append(" ratio |");
        rule.append(" ---: |");
        for (int size : sizes) {
            header.append(String.format(Locale.ROOT, " ms %s |", count(size)));
            rule.append(" ---: |");
        }
        header.append(" ratio |");
        rule.append(" ---: |");
        line(md, "%s", header);
        line(md, "%s", rule);
        boolean agree = true;
        for (ListPageCost.Pattern pattern : ListPageCost.PATTERNS) {
            for (int limit : ListPageCost.LIMITS) {
                List<ListPageCost.Measurement> row = lists.measurements().stream()
                        .filter(m -> m.pattern().equals(pattern) && m.limit() == limit).toList();
                StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "| %s | %d |", pattern.name(), limit));
                for (ListPageCost.Measurement m : row) {
                    text.append(String.format(Locale.ROOT, " %.1f |", m.engineRcu()));
                    agree &= m.engineRcu() == m.computedRcu() && m.items() == limit + 1;
                }
                text.append(String.format(Locale.ROOT, " %.2f |", ratio(row, ListPageCost.Measurement::engineRcu)));
                for (ListPageCost.Measurement m : row) {
                    text.append(String.format(Locale.ROOT, " %.2f |", m.medianMillis()));
                }
                text.append(String.format(Locale.ROOT, " %.2f |", timeRatio(row)));
                line(md, "%s", text);
            }
        }
        line(md, "");
        line(md, "Ratios: read units at %,d articles ÷ read units at %,d; for time, the median over the rounds of the "
                + "two sizes' times in the same round. Read units are what dynalite reported; %s",
                largestSize(), smallestSize(), agree
                        ? "DynamoDB's rule applied to the items returned (sizes summed, rounded up to 4 KB, halved for an "
                        + "eventually consistent read) gives the same for every page, and every page was full."
                        : "**DynamoDB's rule applied to the items returned differs from it for some page, or a page was "
                        + "not full: see the measurements.**");
        line(md, "");
        StringBuilder seeding = new StringBuilder("Seeding (BatchWriteItem, 25 items a call, 4 threads):");
        for (ListPageRun.Seeding s : lists.seeding()) {
            seeding.append(String.format(Locale.ROOT, " %,d articles (%,d items) in %.0f s;", s.articles(), s.items(), s.seconds()));
        }
        line(md, "%s", seeding.substring(0, seeding.length() - 1) + ".");
        line(md, "");
        besideNotLive(md);
    }

    /** The smallest size's pages again, on a table that also holds drafts and scheduled articles matching every filter. */
    private void besideNotLive(StringBuilder md) {
        int live = smallestSize();
        int all = live + lists.notLive();
        line(md, "### A public list page beside drafts and scheduled articles");
        line(md, "");
        line(md, "The same first pages on a table holding the %,d live articles and %,d more that no public list may show, "
                + "of the same sizes and matching every filter (half drafts, half of those without a publishedAt and the "
                + "others dated among the live ones; half scheduled, going live in 2100), against the table of the live "
                + "ones alone, queried in turn. \"shown\" counts the items of the page that are not live.", live, lists.notLive());
        line(md, "");
        line(md, "| pattern | limit | RCU %s live | RCU beside %s | ratio | ms %s live | ms beside %s | ratio | shown |",
                count(live), count(lists.notLive()), count(live), count(lists.notLive()));
        line(md, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (List<ListPageCost.Measurement> row : rows(lists.besideNotLive())) {
            ListPageCost.Measurement without = row.stream().filter(m -> m.articles() == live).findFirst().orElseThrow();
            ListPageCost.Measurement with = row.stream().filter(m -> m.articles() == all).findFirst().orElseThrow();
            line(md, "| %s | %d | %.1f | %.1f | %.2f | %.2f | %.2f | %.2f | %d |", without.pattern().name(), without.limit(),
                    without.engineRcu(), with.engineRcu(), ratio(row, ListPageCost.Measurement::engineRcu, live, all),
                    without.medianMillis(), with.medianMillis(), timeRatio(row, live, all), with.notLive());
        }
        line(md, "");
    }

    /** The measurements by pattern and limit, in the order of the list tables. */
    private static List<List<ListPageCost.Measurement>> rows(List<ListPageCost.Measurement> measurements) {
        List<List<ListPageCost.Measurement>> rows = new java.util.ArrayList<>();
        for (ListPageCost.Pattern pattern : ListPageCost.PATTERNS) {
            for (int limit : ListPageCost.LIMITS) {
                rows.add(measurements.stream().filter(m -> m.pattern().equals(pattern) && m.limit() == limit).toList());
            }
        }
        return rows;
    }

    private static double worst(List<ListPageCost.Measurement> measurements,
                                ToDoubleFunction<List<ListPageCost.Measurement>> ratio) {
        return rows(measurements).stream().mapToDouble(ratio).max().orElse(Double.NaN);
    }

    private void levers(StringBuilder md) {
        List<DirectColdStart.Variant> variants = direct.stream().map(DirectColdStart.Result::variant)
                .filter(v -> !v.prime()).distinct().toList();
        if (variants.size() < 2) {
            return;
        }
        line(md, "### JVM options at a cold start (direct, first response, median of %d)", options.coldRuns());
        line(md, "");
        StringBuilder header = new StringBuilder("| function |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (DirectColdStart.Variant v : variants) {
            header.append(' ').append(v.name()).append(" |");
            rule.append(" ---: |");
        }
        line(md, "%s", header);
        line(md, "%s", rule);
        for (BenchFunction function : direct.stream().map(DirectColdStart.Result::function).distinct().toList()) {
            List<DirectColdStart.Result> results = direct.stream()
                    .filter(r -> r.function().equals(function) && !r.variant().prime()).toList();
            double base = results.getFirst().median(DirectColdStart.Start::toFirstResponse);
            StringBuilder row = new StringBuilder("| " + function.name() + " |");
            for (DirectColdStart.Result r : results) {
                double first = r.median(DirectColdStart.Start::toFirstResponse);
                double warmP50 = Stats.median(r.starts().stream().flatMap(s -> s.warm().stream()).toList());
                row.append(String.format(Locale.ROOT, " %.0f ms (%.2fx), warm %.2f ms |", first, first / base, warmP50));
            }
            line(md, "%s", row);
        }
        line(md, "");
        line(md, "Warm: the handler's own time per invocation (in process, median of the invocations after the first), "
                + "the DynamoDB call to dynalite included. Archives are made by one training run per function.");
        line(md, "");
    }

    private void warmJit(StringBuilder md) {
        if (jit.isEmpty()) {
            return;
        }
        WarmJit.Plan plan = options.jitPlan();
        line(md, "### JIT settings on warm functions (direct, median of %d JVMs each)", plan.runs());
        line(md, "");
        line(md, "| function | JIT | warm-up p50 | warm-up p99 | steady p50 | steady p99 | invocations/s | ÷ C1 only |");
        line(md, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (WarmJit.Result r : jit) {
            WarmJit.Result base = jit.stream().filter(b -> b.function().equals(r.function())).findFirst().orElseThrow();
            double perSecond = r.median(WarmJit.Run::perSecond);
            line(md, "| %s | %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %,.0f | %.2fx |", r.function().name(),
                    r.variant().name(), r.median(WarmJit.Run::warmUpP50), r.median(WarmJit.Run::warmUpP99),
                    r.median(WarmJit.Run::p50), r.median(WarmJit.Run::p99), perSecond,
                    perSecond / base.median(WarmJit.Run::perSecond));
        }
        line(md, "");
        line(md, "Each JVM invokes the handler with its sample event (the DynamoDB call to dynalite included; the fallback "
                + "is our code alone): the %,d invocations after the first are the warm-up, while the JIT compiles (SnapStart's "
                + "priming runs only a few), and the next %,d the steady state; invocations/s is one after another, the "
                + "steady state's count over its summed time; ÷ C1 only compares that. A create is left out: repeating its "
                + "event replays its Idempotency-Key.", plan.warmUp(), plan.measured());
        line(md, "");
    }

    private double worstListTimeRatio() {
        return worst(lists.measurements(), this::timeRatio);
    }

    /** The median over rounds of (time at the largest size ÷ time at the smallest) within the same round. */
    private double timeRatio(List<ListPageCost.Measurement> row) {
        return timeRatio(row, smallestSize(), largestSize());
    }

    /** The median over rounds of (time at {@code to} articles ÷ time at {@code from}) within the same round. */
    private static double timeRatio(List<ListPageCost.Measurement> row, int from, int to) {
        List<Double> smallest = row.stream().filter(m -> m.articles() == from).findFirst().orElseThrow().roundMillis();
        List<Double> largest = row.stream().filter(m -> m.articles() == to).findFirst().orElseThrow().roundMillis();
        List<Double> ratios = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(smallest.size(), largest.size()); i++) {
            ratios.add(largest.get(i) / smallest.get(i));
        }
        return Stats.median(ratios);
    }

    private double worstListRatio(ToDoubleFunction<ListPageCost.Measurement> figure) {
        return worst(lists.measurements(), row -> ratio(row, figure));
    }

    private double ratio(List<ListPageCost.Measurement> row, ToDoubleFunction<ListPageCost.Measurement> figure) {
        return ratio(row, figure, smallestSize(), largestSize());
    }

    private static double ratio(List<ListPageCost.Measurement> row, ToDoubleFunction<ListPageCost.Measurement> figure,
                                int from, int to) {
        double smallest = row.stream().filter(m -> m.articles() == from).mapToDouble(figure).findFirst().orElse(Double.NaN);
        double largest = row.stream().filter(m -> m.articles() == to).mapToDouble(figure).findFirst().orElse(Double.NaN);
        return largest / smallest;
    }

    private int smallestSize() {
        return options.listSizes().getFirst();
    }

    private int largestSize() {
        return options.listSizes().getLast();
    }

    private static double median(List<Double> sample) {
        return sample.isEmpty() ? Double.NaN : Stats.median(sample);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
    }

    private static String count(int articles) {
        return articles >= 1000 && articles % 1000 == 0 ? (articles / 1000) + "k" : Integer.toString(articles);
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
