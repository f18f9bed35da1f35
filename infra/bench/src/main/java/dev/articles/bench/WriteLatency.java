package dev.articles.bench;

import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.faultproxy.Fault;
import dev.articles.faultproxy.FaultProxy;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What a write costs as its article's tags grow: each write through {@code serve}, with the fault proxy in front of
 * dynalite delaying every request by a simulated in-region round trip (a table is a few ms from its function), p50
 * per write and number of tags, and each write with 10 tags against the same write without tags. A write's
 * requests are sent one phase at a time (docs/data-model.md, Writes), so its time follows its phases, not its
 * requests.
 */
public final class WriteLatency {

    /** The simulated round trip added to every DynamoDB request. */
    public static final Duration ROUND_TRIP = Duration.ofMillis(8);
    /** The target: a write of an article with 10 tags within this factor of the same write without. */
    public static final double RATIO_TARGET = 2.5;
    public static final List<Integer> TAGS = List.of(0, 1, 3, 10);
    /** About 3 KB of body, as the articles the target was set with. */
    private static final String BODY = "Text of a bench article. ".repeat(120);

    /** The writes measured; an edit replacing all tags has no 0-tag form, and is held against the 0-tag title edit. */
    public enum Write {
        CREATE("create"), EDIT_TITLE("edit of the title"), EDIT_TAGS("edit replacing all tags"), DELETE("delete");

        final String label;

        Write(String label) {
            this.label = label;
        }
    }

    /** p50 of {@code write} on articles with {@code tags} tags; NaN where not measured. */
    public record Cell(Write write, int tags, double p50) {}

    /** The measurements, with when and under what machine load (1-minute average) they were taken. */
    public record Result(Duration roundTrip, int requests, List<Cell> cells, Instant started, String loadAtStart,
                         String loadAtEnd) {

        double p50(Write write, int tags) {
            return cells.stream().filter(c -> c.write() == write && c.tags() == tags).mapToDouble(Cell::p50)
                    .findFirst().orElse(Double.NaN);
        }

        /** The 10-tag write against the same write without tags (the title edit, for the tag replacement). */
        double ratio(Write write) {
            return p50(write, 10) / p50(write == Write.EDIT_TAGS ? Write.EDIT_TITLE : write, 0);
        }

        public String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("### Write latency by number of tags\n\n");
            md.append(String.format(Locale.ROOT, "Command: `infra/bench/run --only writes` (or the full run) · run %s · "
                    + "load average (1 min) %s at the start, %s at the end.%n%n", started.truncatedTo(ChronoUnit.SECONDS),
                    loadAtStart, loadAtEnd));
            md.append(String.format(Locale.ROOT, "Each write through `serve` (one at a time, %d timed after a warm-up, "
                    + "p50, the numbers of tags in turns), an article of about 3 KB with an author, the fault proxy in front of dynalite adding %d ms to "
                    + "every DynamoDB request (a simulated in-region round trip). A write sends its requests phase by "
                    + "phase, each phase's together (docs/data-model.md, Writes). Target: each write with 10 tags within "
                    + "%.1fx of the same write without tags (an edit replacing all tags is held against the title edit "
                    + "without tags).%n%n", requests, roundTrip.toMillis(), RATIO_TARGET));
            md.append("| write | ").append(TAGS.stream().map(t -> t + " tags").collect(Collectors.joining(" | ")))
                    .append(" | 10 tags ÷ none | met |\n");
            md.append("| --- | ").append(TAGS.stream().map(t -> "---:").collect(Collectors.joining(" | "))).append(" | ---: | --- |\n");
            for (Write write : Write.values()) {
                double ratio = ratio(write);
                md.append("| ").append(write.label).append(" | ")
                        .append(TAGS.stream().map(t -> Double.isNaN(p50(write, t)) ? ""
                                : String.format(Locale.ROOT, "%.0f ms", p50(write, t))).collect(Collectors.joining(" | ")))
                        .append(String.format(Locale.ROOT, " | %.2fx | %s |%n", ratio, ratio <= RATIO_TARGET ? "yes" : "**no**"));
            }
            md.append('\n');
            return md.toString();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private URI base;
    private int sent;

    /** Starts its own dynalite, proxy and serve, so nothing else the bench stored or runs weighs on it. */
    public static Result measure(Path root, SamTemplate template, FunctionJdk jdk, Path localJar, int warmUp,
            int requests, Progress progress) throws IOException {
        Instant started = Instant.now();
        String loadAtStart = LoadAverage.now();
        try (Dynalite dynalite = Dynalite.startInMemory(root);
             FaultProxy proxy = FaultProxy.start(dynalite.endpoint())) {
            DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint());
            String table = "ArticlesTable";
            TableFactory.createIfAbsent(dynamo, template.table(table), table);
            proxy.inject(Fault.delay(ROUND_TRIP));
            try (LocalApiProcess serve = LocalApiProcess.start(jdk, localJar, root, proxy.endpoint())) {
                WriteLatency bench = new WriteLatency();
                bench.base = serve.baseUrl();
                List<Cell> cells = new ArrayList<>();
                for (Write write : Write.values()) {
                    cells.addAll(bench.p50s(write, warmUp, requests));
                    progress.say("write latency: %s: %s", write.label, cells.stream().filter(c -> c.write() == write)
                            .map(c -> String.format(Locale.ROOT, "%d tags %.0f ms", c.tags(), c.p50())).toList());
                }
                return new Result(ROUND_TRIP, requests, cells, started, loadAtStart, LoadAverage.now());
            }
        }
    }

    /**
     * One write at every number of tags, in turns (0, 1, 3, 10, 0, 1, ...), so a change in the machine's load
     * or the JIT's warm-up weighs on each alike and the ratios hold within the run.
     */
    private List<Cell> p50s(Write write, int warmUp, int requests) {
        int runs = warmUp + requests;
        List<Integer> counts = TAGS.stream().filter(tags -> write != Write.EDIT_TAGS || tags > 0).toList();
        List<List<String>> articles = counts.stream().map(tags -> write == Write.CREATE ? List.<String>of()
                : IntStream.range(0, write == Write.DELETE ? runs : 1).mapToObj(i -> create(tags)).toList()).toList();
        List<List<Double>> times = counts.stream().map(tags -> (List<Double>) new ArrayList<Double>()).toList();
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < counts.size(); c++) {
                int tags = counts.get(c);
                List<String> ids = articles.get(c);
                int k = ++sent;
                HttpRequest request = switch (write) {
                    case CREATE -> post(tags, k);
                    case EDIT_TITLE -> patch(ids.getFirst(), "{\"title\":\"Edited by the bench, " + k + "\"}");
                    // Every edit replaces every tag: two disjoint sets in turn.
                    case EDIT_TAGS -> patch(ids.getFirst(), "{\"tags\":" + tags(tags, i % 2 == 0 ? "b" : "a") + "}");
                    case DELETE -> HttpRequest.newBuilder(base.resolve("/articles/" + ids.get(i))).header("If-Match", "*")
                            .DELETE().build();
                };
                long started = System.nanoTime();
                send(request, write == Write.CREATE ? 201 : write == Write.DELETE ? 204 : 200);
                if (i >= warmUp) {
                    times.get(c).add(Stats.millisSince(started));
                }
            }
        }
        return IntStream.range(0, counts.size()).mapToObj(c -> new Cell(write, counts.get(c), Stats.median(times.get(c)))).toList();
    }

    private String create(int tags) {
        String location = send(post(tags, ++sent), 201).headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private HttpRequest post(int tags, int n) {
        return HttpRequest.newBuilder(base.resolve("/articles")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Bench article " + n + "\",\"body\":\"" + BODY
                        + "\",\"author\":\"" + SeedArticles.AUTHOR + "\",\"tags\":" + tags(tags, "a") + "}")).build();
    }

    private HttpRequest patch(String id, String patch) {
        return HttpRequest.newBuilder(base.resolve("/articles/" + id)).header("Content-Type", "application/merge-patch+json")
                .header("If-Match", "*").method("PATCH", HttpRequest.BodyPublishers.ofString(patch)).build();
    }

    private static String tags(int count, String set) {
        return IntStream.range(0, count).mapToObj(i -> "\"" + set + "-tag-" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    private HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(request.method() + " " + request.uri() + ": status " + response.statusCode()
                        + ", expected " + expected + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
