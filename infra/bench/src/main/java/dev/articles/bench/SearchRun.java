package dev.articles.bench;

import dev.articles.core.article.Article;
import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Search (GET /articles/search) through serve with {@code --parameter Search=enabled}: the indexer's throughput from
 * an empty index, warm search latency beside the list's, the indexer's lag after a write, and the node's memory.
 * The seeded articles are the bench's ({@link SeedArticles}) with a sentence added to the body from a small
 * vocabulary, so a word matches hundreds of articles, two words (or their phrase) tens, a code word a few.
 */
public final class SearchRun {

    /** 24 words, one per article in turn: each in about 1/24 of the articles. */
    static final String[] PLACES = {"harbor", "railway", "vaccine", "glacier", "orchard", "tariff", "election", "drought",
            "satellite", "museum", "festival", "pipeline", "bridge", "reactor", "vineyard", "stadium", "factory", "airport",
            "forest", "library", "hospital", "canal", "tunnel", "market"};
    /** 20 words, before a place: a pair is in 1/480 of the articles. */
    static final String[] KINDS = {"copper", "silver", "granite", "crimson", "northern", "coastal", "rural", "midnight",
            "winter", "summer", "amber", "cobalt", "marble", "velvet", "golden", "arctic", "desert", "island", "valley", "prairie"};
    /** A code word in every 2,500th article: a few match. */
    private static final int CODES = 2_500;
    private static final String TOPIC = "science";
    private static final Pattern NEXT_CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration INDEX_DEADLINE = Duration.ofMinutes(10);
    private static final Duration LAG_DEADLINE = Duration.ofSeconds(90);
    /** serve's output during the section: the indexer's lines, for a run that fails. */
    static final String LOG = "infra/bench/target/search-serve.log";
    /** The contract: a write shows in search within 30 s. */
    static final Duration CONTRACT = Duration.ofSeconds(30);

    public record Plan(int articles, int warmUp, int requests, int lagWrites) {}

    /** One row: a request's warm latency and how many seeded articles it matches. */
    public record Row(String label, String query, long matches, double p50, double p99) {}

    public record Result(Plan plan, double indexSeconds, List<Row> rows, Row list, List<Double> lagSeconds,
                         long rssBytes, long heapUsedBytes, long heapMaxBytes, long indexedDocs, Instant started,
                         String loadAtStart, String loadAtEnd) {

        public String markdown() {
            StringBuilder md = new StringBuilder("### Search: indexing, warm latency and the indexer's lag\n\n");
            md.append(String.format(Locale.ROOT, "Command: `infra/bench/run --only search` (or the full run) · run %s · load "
                    + "average (1 min) %s at the start, %s at the end.%n%n", started.truncatedTo(ChronoUnit.SECONDS),
                    loadAtStart, loadAtEnd));
            md.append(String.format(Locale.ROOT, "serve with `--parameter Search=enabled` (the OpenSearch node in its own JVM, "
                    + "its default heap) on the bench's dynalite in memory, seeded with %,d live articles as a create leaves "
                    + "them (bodies of about 2 KB with a sentence from a small vocabulary), then one create through serve "
                    + "wakes the indexer, which reads the changes feed from the start.%n%n", plan.articles()));
            md.append(String.format(Locale.ROOT, "- Indexing %,d articles into an empty index: %.1f s, **%,.0f articles/s** "
                    + "(from the create's 201 to the node counting them all).%n", indexedDocs, indexSeconds,
                    indexedDocs / indexSeconds));
            md.append(String.format(Locale.ROOT, "- The indexer's lag (a create through serve until a search finds it, "
                    + "polled every 100 ms, %d writes): median **%.1f s**, max %.1f s, against the contract's %d s.%n",
                    lagSeconds.size(), Stats.median(lagSeconds), Stats.percentile(lagSeconds, 100), CONTRACT.toSeconds()));
            md.append(String.format(Locale.ROOT, "- The node at %,d articles: RSS %,d MB, heap used %,d MB of %,d MB.%n%n",
                    indexedDocs, rssBytes >> 20, heapUsedBytes >> 20, heapMaxBytes >> 20));
            md.append(String.format(Locale.ROOT, "Warm requests through serve, one at a time, %d after %d warm-up ones each "
                    + "(default limit 20); \"matches\" is how many seeded articles the query matches; \"× list\" is the p50 "
                    + "against the list's (`GET /articles`) in the same run, the floor of a read through serve.%n%n",
                    plan.requests(), plan.warmUp()));
            md.append("| request | matches | p50 ms | p99 ms | p50 × list |\n|---|---:|---:|---:|---:|\n");
            md.append(String.format(Locale.ROOT, "| %s (`%s`) | all | %.1f | %.1f | 1.0 |%n", list.label(), list.query(),
                    list.p50(), list.p99()));
            for (Row row : rows) {
                md.append(String.format(Locale.ROOT, "| %s (`%s`) | %,d | %.1f | %.1f | %.1f |%n", row.label(),
                        row.query().replace("|", "\\|"), row.matches(), row.p50(), row.p99(), row.p50() / list.p50()));
            }
            return md.toString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SeedArticles seed = new SeedArticles();
    private URI base;
    private int articles;
    private final Instant created = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    private SearchRun() {}

    /**
     * Article {@code i} of the search bench: the bench's article with its vocabulary sentence, created {@code i} ms
     * after {@code created}, an hour before the run: live and settled when the indexer first reads the feed.
     */
    Article article(int i) {
        Article a = seed.article(i);
        String sentence = String.format(Locale.ROOT, " Reporters followed the %s %s story, file code%04d.",
                kind(i), place(i), i % CODES);
        Instant at = created.plusMillis(i);
        return new Article(a.id(), a.slug(), a.status(), a.title(), a.summary(), a.body() + sentence, a.author(), a.source(),
                a.sourceUrl(), a.tags(), a.publishedAt(), at, at);
    }

    static String place(int i) {
        return PLACES[i % PLACES.length];
    }

    static String kind(int i) {
        return KINDS[(i / PLACES.length) % KINDS.length];
    }

    public static Result run(Path root, FunctionJdk jdk, Path localJar, Plan plan, Progress progress) throws IOException {
        Instant started = Instant.now();
        String loadAtStart = LoadAverage.now();
        SamTemplate template = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE));
        SearchRun bench = new SearchRun();
        bench.articles = plan.articles();
        try (Dynalite dynalite = Dynalite.startInMemory(root)) {
            DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint());
            String table = "ArticlesTable";
            TableFactory.createIfAbsent(dynamo, template.table(table), table);
            long items = new Seeder(dynamo, table).seed(bench::article, 0, plan.articles());
            progress.say("search: serve's output goes to %s", LOG);
            progress.say("search: seeded %,d articles (%,d items)", plan.articles(), items);
            try (LocalApiProcess serve = LocalApiProcess.start(jdk, localJar, root, dynalite.endpoint(),
                    List.of("--parameter", "Search=enabled"), root.resolve(LOG))) {
                bench.base = serve.baseUrl();
                URI node = serve.searchUrl();
                progress.say("search: serve ready at %s, OpenSearch at %s", bench.base, node);

                long indexStarted = System.nanoTime();
                bench.create("Bench search wake-up", "wakes the indexer");
                long docs = plan.articles() + 1;
                long deadline = System.nanoTime() + INDEX_DEADLINE.toNanos();
                long counted = 0;
                while ((counted = bench.count(node)) < docs) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the index holds " + counted + " of " + docs + " after " + INDEX_DEADLINE);
                    }
                    sleep(200);
                }
                double indexSeconds = Stats.millisSince(indexStarted) / 1000;
                progress.say("search: indexed %,d articles in %.1f s", counted, indexSeconds);
                long rss = rss(serve.handle());
                String jvm = bench.get(node.resolve("/_nodes/_local/stats/jvm"), 200);
                long heapUsed = number(jvm, "heap_used_in_bytes");
                long heapMax = number(jvm, "heap_max_in_bytes");

                Row list = bench.latency("the list", "/articles", "", 0, plan);
                List<Row> rows = new ArrayList<>();
                String word = place(3);
                String pair = kind(3) + " " + place(3);
                for (Map.Entry<String, String> query : queries(word, pair).entrySet()) {
                    bench.closePointsInTime(node);
                    rows.add(bench.latency(query.getKey(), "/articles/search", query.getValue(), matches(bench, query.getKey()), plan));
                    progress.say("search: %s measured", query.getKey());
                }
                bench.closePointsInTime(node);
                String firstPage = bench.get(bench.base.resolve("/articles/search?q=" + word), 200);
                Matcher cursor = NEXT_CURSOR.matcher(firstPage);
                if (!cursor.find()) {
                    throw new IllegalStateException("a search for " + word + " has no second page: " + firstPage);
                }
                rows.add(bench.latency("page 2", "/articles/search",
                        "q=" + word + "&cursor=" + encode(cursor.group(1)), matches(bench, "one word"), plan));

                List<Double> lags = new ArrayList<>();
                for (int n = 0; n < plan.lagWrites(); n++) {
                    bench.closePointsInTime(node);
                    lags.add(bench.lag(n));
                }
                progress.say("search: lag measured: %s s", lags);
                return new Result(plan, indexSeconds, rows, list, lags, rss, heapUsed, heapMax, counted, started,
                        loadAtStart, LoadAverage.now());
            }
        }
    }

    /** The measured searches, by label: their query strings. */
    private static Map<String, String> queries(String word, String pair) {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("one word", "q=" + word);
        queries.put("two words", "q=" + encode(pair));
        queries.put("a phrase", "q=" + encode("\"" + pair + "\""));
        queries.put("a rare word", "q=code0042");
        queries.put("one word, a tag filter", "q=" + word + "&tag=" + TOPIC);
        queries.put("one word, sort=newest", "q=" + word + "&sort=newest");
        return queries;
    }

    /** How many seeded articles the labelled query matches (the wake-up and lag articles match none). */
    private static long matches(SearchRun bench, String label) {
        int word = 3;
        int kind = (3 / PLACES.length) % KINDS.length;
        IntPredicate one = i -> i % PLACES.length == word;
        IntPredicate pair = i -> one.test(i) && (i / PLACES.length) % KINDS.length == kind;
        IntPredicate match = switch (label) {
            case "two words", "a phrase" -> pair;
            case "a rare word" -> i -> i % CODES == 42;
            case "one word, a tag filter" -> i -> one.test(i) && bench.seed.article(i).tags().contains(TOPIC);
            default -> one;
        };
        return IntStream.range(0, bench.articles).filter(match).count();
    }

    private Row latency(String label, String path, String query, long matches, Plan plan) {
        URI uri = base.resolve(path + (query.isEmpty() ? "" : "?" + query));
        List<Double> times = new ArrayList<>();
        for (int n = -plan.warmUp(); n < plan.requests(); n++) {
            long started = System.nanoTime();
            get(uri, 200);
            if (n >= 0) {
                times.add(Stats.millisSince(started));
            }
        }
        // The cursor is long and opaque: the table names it.
        String shown = java.net.URLDecoder.decode(query, StandardCharsets.UTF_8).replaceAll("cursor=.*", "cursor=<page 1's nextCursor>");
        return new Row(label, path + (query.isEmpty() ? "" : "?" + shown), matches, Stats.median(times), Stats.percentile(times, 99));
    }

    /** A create through serve, then searches for its own word every 100 ms until one finds it: seconds. */
    private double lag(int n) {
        String word = String.format(Locale.ROOT, "lagprobe%04d", n);
        create("Bench search lag " + word, word);
        long started = System.nanoTime();
        long deadline = started + LAG_DEADLINE.toNanos();
        URI uri = base.resolve("/articles/search?q=" + word);
        while (!get(uri, 200).contains("\"id\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a search did not find " + word + " within " + LAG_DEADLINE);
            }
            sleep(100);
        }
        return Stats.millisSince(started) / 1000;
    }

    private void create(String title, String body) {
        send(HttpRequest.newBuilder(base.resolve("/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"body\":\"" + body
                        + "\",\"author\":\"" + SeedArticles.AUTHOR + "\",\"tags\":[\"bench\"]}")).build(), 201);
    }

    /**
     * Closes every point in time on the node. Each first-page search with more pages opens one kept 5 minutes, and
     * past 300 open the node refuses more: the search then walks without one. The bench closes them between its
     * rows, so that every row measures the walk a reader gets on a quiet engine.
     */
    private void closePointsInTime(URI node) {
        sendAny(HttpRequest.newBuilder(node.resolve("/_search/point_in_time/_all")).DELETE().build());
    }

    private long count(URI node) {
        HttpResponse<String> response = sendAny(HttpRequest.newBuilder(node.resolve("/articles/_count")).GET().build());
        return response.statusCode() == 200 ? number(response.body(), "count") : 0; // 404 until the indexer made it
    }

    private String get(URI uri, int expected) {
        return send(HttpRequest.newBuilder(uri).GET().build(), expected).body();
    }

    private HttpResponse<String> send(HttpRequest request, int expected) {
        HttpResponse<String> response = sendAny(request);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": status " + response.statusCode()
                    + ", expected " + expected + ": " + response.body());
        }
        return response;
    }

    private HttpResponse<String> sendAny(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** The resident memory of serve's child that runs the OpenSearch node. */
    private static long rss(ProcessHandle serve) throws IOException {
        for (ProcessHandle child : serve.descendants().toList()) {
            Path proc = Path.of("/proc", Long.toString(child.pid()));
            String command = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
            if (command.contains("search-node") || command.contains("searchnode")) {
                for (String line : Files.readAllLines(proc.resolve("status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
            }
        }
        throw new IllegalStateException("no search node among serve's processes");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
