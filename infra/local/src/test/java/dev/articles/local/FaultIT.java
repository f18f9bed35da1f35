package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.dynalite.Dynalite;
import dev.articles.faultproxy.Fault;
import dev.articles.faultproxy.FaultProxy;
import dev.articles.template.ProjectRoot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults under {@code serve} and the real function jars: dynalite (started here on a data dir, behind the
 * fault proxy, so this test can kill it) killed with SIGKILL in the middle of a load of creates and restarted
 * on the same files; a function's JVM killed in the middle of a request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final int GROUPS = 4;
    /** Bounds the load whatever the machine's speed: no time limits, only counts. */
    private static final int MAX_CREATES = 600;

    private Path dataDir;
    private Dynalite dynalite;
    private FaultProxy proxy;
    private ServeProcess serve;
    private URI api;

    @BeforeAll
    void start(@TempDir Path dir) {
        dataDir = dir;
        dynalite = Dynalite.startPersistent(ROOT, dataDir);
        proxy = FaultProxy.start(dynalite.endpoint());
        serve = ServeProcess.start(ROOT, "--dynamodb-endpoint", proxy.endpoint().toString());
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        serve.close();
        proxy.close();
        dynalite.close();
    }

    @Test
    @Order(1)
    void dynaliteKilledMidLoadLosesNoAcknowledgedCreateAndLeavesNothingHalfWritten() throws Exception {
        Load load = new Load();
        load.start(8);
        await(() -> load.acknowledged.size() >= 30 || load.done());

        ProcessHandle engine = ProcessHandle.of(dynalite.pid()).orElseThrow();
        engine.destroyForcibly(); // kill -9: LevelDB gets no chance to close its files
        engine.onExit().get(30, TimeUnit.SECONDS);
        int beforeOutage = load.acknowledged.size();
        load.outage.set(true);
        await(() -> load.unavailable.get() >= 20 || load.done());

        dynalite.close();
        dynalite = Dynalite.startPersistent(ROOT, dataDir); // the same files
        proxy.retarget(dynalite.endpoint()); // serve keeps its endpoint
        load.outage.set(false);
        int afterRestart = load.acknowledged.size();
        await(() -> load.acknowledged.size() >= afterRestart + 30 || load.done());
        load.stop();

        assertThat(load.unexpected).as("answers other than 201, 200, 503 with Retry-After, or 409 to a retried key").isEmpty();
        assertThat(load.unavailableDuringOutage.get()).as("the outage was real").isPositive();
        assertThat(load.keyedUnfinished).as("keyed creates retried until 201").isEmpty();

        // Everything listed, read back: every id fetchable, each request's article at most once (a keyed one
        // exactly once), with the tags it was sent with.
        List<String> listed = walk("/articles?limit=100");
        assertThat(listed).doesNotHaveDuplicates();
        Map<Integer, String> visible = new HashMap<>();
        Map<String, Integer> number = new HashMap<>();
        for (String id : listed) {
            HttpResponse<String> fetched = Http.get(api, "/articles/" + id);
            assertThat(fetched.statusCode()).as("listed %s", id).isEqualTo(200);
            Map<String, Object> article = Http.json(fetched);
            int n = Integer.parseInt(((String) article.get("title")).substring("fault ".length()));
            assertThat(visible.put(n, id)).as("request %d stored twice", n).isNull();
            number.put(id, n);
            assertThat(article.get("tags")).isEqualTo(tags(n));
        }
        assertThat(listed).containsAll(load.acknowledged.keySet());
        load.acknowledged.forEach((id, n) -> assertThat(number.get(id)).isEqualTo(n));
        assertThat(visible.keySet()).containsAll(load.keyed);
        for (int group = 0; group < GROUPS; group++) {
            int g = group;
            Set<String> expected = new HashSet<>();
            number.forEach((id, n) -> {
                if (n % GROUPS == g) {
                    expected.add(id);
                }
            });
            assertThat(new HashSet<>(walk("/articles?limit=100&tag=g" + g))).as("tag g%d", g).isEqualTo(expected);
        }
        assertThat(new HashSet<>(walk("/articles?limit=100&tag=fault"))).isEqualTo(new HashSet<>(listed));

        long ambiguous = number.values().stream().filter(load.answered503::contains).filter(n -> !load.keyed.contains(n)).count();
        System.out.printf("faults: dynalite killed (SIGKILL) after %d acknowledged creates and restarted on its data dir;"
                        + " %d requests answered 503 with Retry-After during the outage; %d creates sent, %d acknowledged"
                        + " (201), %d visible, all complete (%d of them from unkeyed requests answered 503: stored"
                        + " whole, the answer lost)%n", beforeOutage, load.unavailableDuringOutage.get(), load.sent.get(),
                load.acknowledged.size(), listed.size(), ambiguous);
    }

    @Test
    @Order(2)
    void aFunctionJvmKilledMidRequestIsAGateway500AndTheNextRequestIsServed() throws Exception {
        Map<String, Object> newest = Http.map(((List<?>) Http.json(Http.get(api, "/articles?limit=1")).get("items")).getFirst());
        String id = (String) newest.get("id");
        assertThat(Http.get(api, "/articles/" + id).statusCode()).isEqualTo(200); // a warm instance

        proxy.inject(Fault.delay(Duration.ofMillis(1500)).on("GetItem").times(1)); // the function waits on DynamoDB
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> Http.get(api, "/articles/" + id));
        await(() -> proxy.counts("GetItem").faults() == 1);
        List<ProcessHandle> instances = serve.descendants().stream()
                .filter(p -> p.info().commandLine().orElse("").contains("GetArticleHandler")).toList();
        assertThat(instances).isNotEmpty();
        instances.forEach(ProcessHandle::destroyForcibly); // SIGKILL, as the OOM killer would; one of them is serving it

        HttpResponse<String> killed = slow.get(60, TimeUnit.SECONDS);
        assertThat(killed.statusCode()).isEqualTo(500);
        assertThat(killed.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        await(() -> serve.output().contains("exited with code 137"));
        HttpResponse<String> next = Http.get(api, "/articles/" + id);
        assertThat(next.statusCode()).isEqualTo(200);
        System.out.println("faults: GetArticleFunction's JVM killed (SIGKILL) mid-request: 500 {\"message\":...}, then 200");
    }

    /**
     * Clients creating articles {@code fault <n>} tagged {@code fault} and {@code g<n % 4>}, half of them with an
     * Idempotency-Key (retried on 503 or 409 until 201), and one reading; every answer is checked as it comes.
     */
    private final class Load {
        final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        final Set<Integer> keyed = ConcurrentHashMap.newKeySet();
        final Set<Integer> keyedUnfinished = ConcurrentHashMap.newKeySet();
        final Set<Integer> answered503 = ConcurrentHashMap.newKeySet();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger unavailableDuringOutage = new AtomicInteger();
        final AtomicBoolean outage = new AtomicBoolean();
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        private final List<Future<?>> running = new ArrayList<>();

        void start(int writers) {
            for (int i = 0; i < writers; i++) {
                running.add(clients.submit(this::write));
            }
            running.add(clients.submit(this::read));
        }

        boolean done() {
            return running.stream().allMatch(Future::isDone);
        }

        void stop() throws Exception {
            stopping.set(true);
            for (Future<?> client : running) {
                client.get(120, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        private void write() {
            int n;
            while (!stopping.get() && (n = sent.incrementAndGet()) <= MAX_CREATES) {
                boolean withKey = n % 2 == 0;
                String key = withKey ? "fault-" + n : null;
                if (withKey) {
                    keyed.add(n);
                }
                HttpResponse<String> response = create(api, n, key);
                long retryUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (check(response, n, withKey) && withKey && System.nanoTime() < retryUntil) {
                    sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("retry-after").orElse("1"))));
                    response = create(api, n, key);
                }
                if (response.statusCode() == 201) {
                    acknowledged.put((String) Http.json(response).get("id"), n);
                } else if (withKey) {
                    keyedUnfinished.add(n);
                }
            }
        }

        /** Checks an answer to a create; true when it says "retry later". */
        private boolean check(HttpResponse<String> response, int n, boolean withKey) {
            int status = response.statusCode();
            boolean retryAfter = response.headers().firstValue("retry-after").isPresent();
            if (status == 503 && retryAfter && response.body().contains("urn:articles:problem:service-unavailable")) {
                answered503.add(n);
                counted503();
                return true;
            }
            if (status == 409 && withKey && retryAfter) {
                return true;
            }
            if (status != 201) {
                unexpected.add("create " + n + ": " + status + " " + response.body());
            }
            return false;
        }

        private void read() {
            while (!stopping.get()) {
                List<String> ids = List.copyOf(acknowledged.keySet());
                String path = ids.isEmpty() || ThreadLocalRandom.current().nextBoolean() ? "/articles?limit=10&tag=fault"
                        : "/articles/" + ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                HttpResponse<String> response = Http.get(api, path);
                if (response.statusCode() == 503 && response.headers().firstValue("retry-after").isPresent()) {
                    counted503();
                } else if (response.statusCode() != 200) {
                    unexpected.add("GET " + path + ": " + response.statusCode() + " " + response.body());
                }
                sleep(Duration.ofMillis(50));
            }
        }

        private void counted503() {
            unavailable.incrementAndGet();
            if (outage.get()) {
                unavailableDuringOutage.incrementAndGet();
            }
        }
    }

    private List<String> walk(String firstPage) {
        List<String> ids = new ArrayList<>();
        String path = firstPage;
        while (path != null) {
            HttpResponse<String> page = Http.get(api, path);
            assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
            Map<String, Object> body = Http.json(page);
            for (Object item : (List<?>) body.get("items")) {
                ids.add((String) Http.map(item).get("id"));
            }
            String cursor = (String) body.get("nextCursor");
            path = cursor == null ? null : firstPage + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        }
        return ids;
    }

    private static List<String> tags(int n) {
        return List.of("fault", "g" + n % GROUPS);
    }

    private static HttpResponse<String> create(URI api, int n, String idempotencyKey) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", "fault " + n);
        article.put("body", "Article number " + n + " of the fault test.");
        article.put("tags", tags(n));
        byte[] body = PlainJson.write(article);
        return idempotencyKey == null
                ? Http.send(api, "POST", "/articles", body, "Content-Type", "application/json")
                : Http.send(api, "POST", "/articles", body, "Content-Type", "application/json", "Idempotency-Key", idempotencyKey);
    }

    /** Waits for a condition the test itself brings about; bounded, so a hang fails instead of stalling CI. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 120 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
