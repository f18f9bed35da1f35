package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.FunctionSpec;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.TestInstance;

/**
 * A bounded load on {@code serve} with the real function jars, over loopback: {@value #CLIENTS} clients at once,
 * mixing creates (some replaying an Idempotency-Key), fetches (some with If-None-Match) and list walks
 * following cursors, for {@code load.seconds} (default 5) or {@code load.requests} (default 20,000) requests,
 * whichever ends first. Every answer must be the one the contract gives; the memory of serve and of its function
 * JVMs must level off. The long run: {@code infra/mvnw -pl infra/local -am verify -Dit.test=LoadIT
 * -Dfailsafe.failIfNoSpecifiedTests=false -Dload.seconds=30}.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "it reads the JVMs' resident memory from /proc, which only Linux has")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadIT {

    static final int CLIENTS = 64;
    private static final Duration DURATION = Duration.ofSeconds(Long.getLong("load.seconds", 5));
    private static final int MAX_REQUESTS = Integer.getInteger("load.requests", 20_000);
    /**
     * serve holds nothing per request once answered: after a full GC its RSS is the JVM's code, metadata and
     * thread stacks plus a small live set (about 130 MB measured); twice that leaves room for 64 requests in flight.
     */
    private static final long SERVE_CEILING_MB = 256;
    private static final double GROWTH_LIMIT = 1.5;

    private static final String CREATE = "POST /articles";
    private static final String FETCH = "GET /articles/{id}";
    private static final String LIST = "GET /articles";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private ServeProcess serve;
    private URI api;

    /** Stored articles: id to ETag, and keyed creates to replay. */
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final List<KeyedCreate> keyed = new CopyOnWriteArrayList<>();

    private record KeyedCreate(String key, byte[] body, String id) {
    }

    /** What the run saw: latencies per route, unexpected answers, requests sent. */
    private static final class Tally {
        final Map<String, List<Long>> nanos = new ConcurrentHashMap<>();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger requests = new AtomicInteger();

        void record(String route, long nanos) {
            this.nanos.computeIfAbsent(route, r -> Collections.synchronizedList(new ArrayList<>())).add(nanos);
        }

        void error(String what) {
            errors.add(what);
        }
    }

    @BeforeAll
    void start() {
        serve = ServeProcess.start(ProjectRoot.find(), "--in-memory");
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        serve.close();
    }

    @Test
    void sixtyFourClientsGetOnlyTheAnswersTheContractGivesAndMemoryLevelsOff() throws Exception {
        // Warm up: seed articles, then start the instances the load will use a few at a time (a dozen JVMs
        // starting at once on two cores would be a cold-start storm, not the steady load this measures).
        Tally warmUp = new Tally();
        for (int i = 0; i < 20; i++) {
            create(warmUp, false);
        }
        for (int clients = 2; clients <= CLIENTS; clients *= 2) {
            run(warmUp, clients, Duration.ofSeconds(1), clients * 2, progress -> { });
        }
        assertThat(warmUp.errors).as("warm-up").isEmpty();

        Map<Long, Long> start = memory();
        AtomicReference<Map<Long, Long>> middle = new AtomicReference<>();
        Tally tally = new Tally();
        long began = System.nanoTime();
        run(tally, CLIENTS, DURATION, MAX_REQUESTS, progress -> {
            if (progress >= 0.5 && middle.get() == null) {
                middle.set(memory());
            }
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<Long, Long> end = memory();

        List<Long> all = tally.nanos.values().stream().flatMap(List::stream).sorted().toList();
        for (String route : List.of(CREATE, FETCH, LIST)) {
            List<Long> latencies = tally.nanos.getOrDefault(route, List.of()).stream().sorted().toList();
            System.out.printf(Locale.ROOT, "load: %-18s %6d requests, p50 %.1f ms, p99 %.1f ms%n", route,
                    latencies.size(), percentile(latencies, 50), percentile(latencies, 99));
        }
        System.out.printf(Locale.ROOT, "load: %d clients, %.1f s, %.0f requests/s%n", CLIENTS, seconds, all.size() / seconds);
        System.out.printf(Locale.ROOT, "load: RSS MB at start/middle/end: serve %s; function JVMs %s%n",
                mb(start, middle.get(), end, serve.pid()), functionsMb(start, middle.get(), end));
        System.out.printf(Locale.ROOT, "load: %d requests, %d errors, p50 %.1f ms, p99 %.1f ms%n",
                all.size(), tally.errors.size(), percentile(all, 50), percentile(all, 99));

        assertThat(tally.errors).as("unexpected answers (first of %d)", tally.errors.size()).isEmpty();
        assertThat(all).hasSizeGreaterThan(CLIENTS);
        assertThat(middle.get()).isNotNull();
        long serveEnd = end.get(serve.pid());
        assertThat(serveEnd).as("serve's RSS at the end, KB").isLessThan(SERVE_CEILING_MB * 1024)
                .isLessThan((long) (middle.get().get(serve.pid()) * GROWTH_LIMIT));
        Map<Long, Integer> memorySizes = functionMemorySizes();
        end.forEach((pid, kb) -> {
            if (memorySizes.containsKey(pid)) {
                // A function must fit in the memory Lambda gives it; one that grows between the middle and the end leaks.
                assertThat(kb).as("function JVM %d's RSS, KB", pid).isLessThan(memorySizes.get(pid) * 1024L);
                Long before = middle.get().get(pid);
                if (before != null) {
                    assertThat(kb).as("function JVM %d's RSS at the end vs the middle, KB", pid)
                            .isLessThan((long) (before * GROWTH_LIMIT));
                }
            }
        });
    }

    /** Clients at once until the time or the request count is up; {@code progress} hears how far it is (0 to 1). */
    private void run(Tally tally, int clientCount, Duration duration, int maxRequests, Consumer<Double> progress)
            throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        int first = tally.requests.get();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline && tally.requests.get() - first < maxRequests) {
                        step(tally);
                    }
                }));
            }
            while (running.stream().anyMatch(f -> !f.isDone())) {
                double byTime = 1 - (deadline - System.nanoTime()) / (double) duration.toNanos();
                progress.accept(Math.max(byTime, (tally.requests.get() - first) / (double) maxRequests));
                Thread.sleep(50);
            }
            for (Future<?> client : running) {
                client.get(); // a client that threw fails the test with its exception
            }
        }
    }

    /** One client action: 25% creates (a quarter of them replays), 45% fetches (a third conditional), 30% list walks. */
    private void step(Tally tally) {
        int dice = ThreadLocalRandom.current().nextInt(100);
        if (dice < 6 && !keyed.isEmpty()) {
            replay(tally);
        } else if (dice < 25) {
            create(tally, dice % 2 == 0);
        } else if (dice < 70) {
            fetch(tally, dice < 40);
        } else {
            walk(tally);
        }
    }

    private void create(Tally tally, boolean withKey) {
        int n = ThreadLocalRandom.current().nextInt(1_000_000);
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", "Load article " + n);
        article.put("body", "Paragraph one of article " + n + ".\n\nParagraph two.");
        article.put("author", "Load Desk " + n % 5);
        article.put("tags", List.of("load", "t" + n % 7));
        byte[] body = PlainJson.write(article);
        String key = withKey ? "load-" + ThreadLocalRandom.current().nextLong() : null;
        HttpResponse<String> response = send(tally, CREATE, post(body, key));
        if (response.statusCode() != 201) {
            tally.error("create: " + response.statusCode() + " " + response.body());
            return;
        }
        String id = (String) Http.json(response).get("id");
        etags.put(id, response.headers().firstValue("etag").orElseThrow());
        ids.add(id);
        if (withKey) {
            keyed.add(new KeyedCreate(key, body, id));
        }
    }

    private void replay(Tally tally) {
        KeyedCreate original = keyed.get(ThreadLocalRandom.current().nextInt(keyed.size()));
        HttpResponse<String> response = send(tally, CREATE, post(original.body(), original.key()));
        if (response.statusCode() != 201 || !response.headers().firstValue("idempotent-replayed").equals(java.util.Optional.of("true"))
                || !original.id().equals(Http.json(response).get("id"))) {
            tally.error("replay of " + original.key() + ": " + response.statusCode() + " " + response.headers().map() + " " + response.body());
        }
    }

    private void fetch(Tally tally, boolean conditional) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("/articles/" + id));
        if (conditional) {
            request.header("If-None-Match", etags.get(id));
        }
        HttpResponse<String> response = send(tally, FETCH, request.GET());
        int expected = conditional ? 304 : 200;
        if (response.statusCode() != expected) {
            tally.error("fetch " + id + (conditional ? " with If-None-Match" : "") + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Up to three pages of a list, each following the previous page's cursor. */
    private void walk(Tally tally) {
        String filter = ThreadLocalRandom.current().nextBoolean() ? "limit=10" : "limit=5&tag=load";
        String cursor = null;
        for (int page = 0; page < 3; page++) {
            String query = filter + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> response = send(tally, LIST, HttpRequest.newBuilder(api.resolve("/articles?" + query)).GET());
            if (response.statusCode() != 200) {
                tally.error("list " + query + ": " + response.statusCode() + " " + response.body());
                return;
            }
            cursor = (String) Http.json(response).get("nextCursor");
            if (cursor == null) {
                return;
            }
        }
    }

    private HttpRequest.Builder post(byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve("/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return idempotencyKey == null ? request : request.header("Idempotency-Key", idempotencyKey);
    }

    private HttpResponse<String> send(Tally tally, String route, HttpRequest.Builder request) {
        tally.requests.incrementAndGet();
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120)).build(),
                    HttpResponse.BodyHandlers.ofString());
            tally.record(route, System.nanoTime() - begin);
            return response;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(route + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * VmRSS in KB of serve and each of its function JVMs, by pid, each read just after a full GC in that JVM:
     * otherwise the figure is mostly how far the collector has let the young generation grow, and a leak could
     * not be told from a collector that has not needed to collect yet.
     */
    private Map<Long, Long> memory() {
        List<Long> pids = new ArrayList<>(List.of(serve.pid()));
        pids.addAll(functionMemorySizes().keySet());
        try (ExecutorService jcmd = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> collections = new ArrayList<>();
            for (long pid : pids) {
                collections.add(jcmd.submit(() -> new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                        .toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor()));
            }
            for (Future<Integer> collection : collections) {
                collection.get(); // a JVM that stopped meanwhile (an idle instance) simply has no RSS below
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot run jcmd GC.run", e);
        }
        Map<Long, Long> rss = new LinkedHashMap<>();
        for (long pid : pids) {
            long kb = rssKb(pid);
            if (kb > 0) {
                rss.put(pid, kb);
            }
        }
        return rss;
    }

    /** The running function JVMs and their functions' MemorySize (MB), told apart by the handler they run. */
    private Map<Long, Integer> functionMemorySizes() {
        List<FunctionSpec> functions = SamTemplate.load(ProjectRoot.template()).functions();
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (ProcessHandle process : serve.descendants()) {
            String command = process.info().commandLine().orElse("");
            functions.stream().filter(f -> command.endsWith(" " + f.handler())).findFirst()
                    .ifPresent(f -> out.put(process.pid(), f.memorySize()));
        }
        return out;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException gone) {
            // the process has exited (an idle instance stopped)
        }
        return 0;
    }

    private static String mb(Map<Long, Long> start, Map<Long, Long> middle, Map<Long, Long> end, long pid) {
        return start.get(pid) / 1024 + "/" + middle.get(pid) / 1024 + "/" + end.get(pid) / 1024;
    }

    private String functionsMb(Map<Long, Long> start, Map<Long, Long> middle, Map<Long, Long> end) {
        Map<Long, Integer> running = functionMemorySizes();
        return end.keySet().stream().filter(running::containsKey).map(pid -> pid + ": "
                + start.getOrDefault(pid, 0L) / 1024 + "/" + middle.getOrDefault(pid, 0L) / 1024 + "/" + end.get(pid) / 1024)
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static double percentile(List<Long> sortedNanos, int percent) {
        if (sortedNanos.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(index, 0)) / 1e6;
    }
}
