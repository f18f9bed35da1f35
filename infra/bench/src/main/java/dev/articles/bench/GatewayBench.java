package dev.articles.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API as a client sees it, through {@code articles-local.jar serve}: each route's first request on fresh
 * function JVMs (and Lambda's Init Duration for it), warm latency one request at a time, and throughput with
 * several clients at once.
 */
public final class GatewayBench {

    /**
     * One route of the API and the request the bench sends it.
     *
     * @param underLoad whether the load runs send it too: not an edit, whose concurrent requests on the one sample
     *                  article would mostly lose the race for its version (412) and measure that instead
     */
    public record Route(String name, String function, String method, String path, int expectedStatus, boolean underLoad) {

        HttpRequest request(URI base, int n) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
            if (method.equals("PATCH")) {
                // A real change every time (a new title), of whatever version is current.
                return builder.header("Content-Type", "application/merge-patch+json").header("If-Match", "*")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Edited by the bench, " + n + "\"}"))
                        .build();
            }
            if (method.equals("DELETE")) {
                builder.header("If-Match", "*");
            }
            if (method.equals("POST")) {
                return builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Bench article " + n + "\",\"body\":\"" + "Text of a bench article. ".repeat(40)
                                + "\",\"author\":\"" + SeedArticles.AUTHOR + "\",\"tags\":[\"" + SeedArticles.TAG + "\",\"bench\"]}"))
                        .build();
            }
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
    }

    public static final List<Route> ROUTES = List.of(
            new Route("create: POST /articles", "CreateArticleFunction", "POST", "/articles", 201, true),
            new Route("fetch: GET /articles/{id}", "GetArticleFunction", "GET", "/articles/" + BenchFunction.SAMPLE_ID, 200, true),
            new Route("by slug: GET /articles/by-slug/{slug}", "GetArticleBySlugFunction", "GET",
                    "/articles/by-slug/" + BenchFunction.SAMPLE_SLUG, 200, true),
            new Route("list: GET /articles?limit=20", "ListArticlesFunction", "GET", "/articles?limit=20", 200, true),
            // serve without --auth: writes, and so previews, are open (WriteAccess=public), as in the write section.
            new Route("preview: GET /preview/articles/{id}", "PreviewArticleFunction", "GET",
                    "/preview/articles/" + BenchFunction.SAMPLE_ID, 200, true),
            new Route("preview list: GET /preview/articles?limit=20", "PreviewArticlesFunction", "GET",
                    "/preview/articles?limit=20", 200, true),
            new Route("changes: GET /articles/changes?limit=50", "GetChangesFunction", "GET", "/articles/changes?limit=50", 200, true),
            new Route("edit: PATCH /articles/{id}", "EditArticleFunction", "PATCH", "/articles/" + BenchFunction.SAMPLE_ID, 200, false),
            // Each delete needs an article of its own; an unknown id measures the function's start and its read.
            new Route("delete: DELETE /articles/{unknown id} (404)", "DeleteArticleFunction", "DELETE",
                    "/articles/" + BenchFunction.UNKNOWN_ID, 404, true),
            new Route("fallback: GET /nowhere (404)", "RouteFallbackFunction", "GET", "/nowhere", 404, true));

    public static final List<Integer> CLIENTS = List.of(1, 8, 64);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Bounds every loop that sends requests, whatever the durations asked for. */
    private static final int MAX_REQUESTS_PER_CLIENT = 200_000;

    /**
     * First requests on fresh function JVMs: the client's round trip, Lambda's Init Duration, and a bare
     * {@code java -version} run just before each, so each ratio compares times taken under the same load. The
     * lists are cold starts with the local runtime's AOT cache, as every cold start but a build's first has it;
     * {@code firstOfBuild} is that first one, which records the cache.
     */
    public record Cold(Route route, List<Double> clientMillis, List<Double> initMillis, List<Double> bareMillis,
                       FirstOfBuild firstOfBuild) {
        public double ratio() {
            return Stats.median(clientMillis) / Stats.median(bareMillis);
        }

        /** The median first request over the floor's, the fallback route's in the same run. */
        public double overFloor(Cold floor) {
            return Stats.median(clientMillis) / Stats.median(floor.clientMillis());
        }
    }

    /** The first cold start of a build, on a JVM recording the AOT cache (one start: a build has one). */
    public record FirstOfBuild(double clientMillis, double initMillis, double bareMillis) {}

    public record Warm(Route route, int requests, double p50, double p99) {}

    public record Load(Route route, int clients, long requests, long errors, double seconds, double p50, double p99,
                       String firstError) {
        public double perSecond() {
            return requests / seconds;
        }
    }

    /**
     * @param fetchesAfterCold the fetches sent right after the fetch route's cold first request on each fresh server,
     *                         to the instance that just started (milliseconds, all servers together)
     */
    public record Result(List<Cold> cold, List<Double> fetchesAfterCold, List<Warm> warm, List<Load> load) {
        /** The fallback route: a function of ours without the AWS SDK, the floor every cold start is held to. */
        public Cold floor() {
            return cold.stream().filter(c -> c.route().function().equals(FLOOR_FUNCTION)).findFirst().orElseThrow();
        }
    }

    static final String FLOOR_FUNCTION = "RouteFallbackFunction";

    /** Durations and counts of one run; {@code quick} makes each tiny. */
    public record Plan(int coldRuns, int fetchesAfterCold, int warmUp, int warmRequests, Duration loadWarmUp, Duration loadTime) {}

    private final FunctionJdk jdk;
    private final List<BenchFunction> functions;
    private final Path localJar;
    private final Path projectRoot;
    private final URI dynamoEndpoint;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger sent = new AtomicInteger();

    public GatewayBench(FunctionJdk jdk, List<BenchFunction> functions, Path localJar, Path projectRoot,
                        URI dynamoEndpoint, Progress progress) {
        this.jdk = jdk;
        this.functions = functions;
        this.localJar = localJar;
        this.projectRoot = projectRoot;
        this.dynamoEndpoint = dynamoEndpoint;
        this.progress = progress;
    }

    /** Cold starts, then (when {@code warmAndLoad}) warm latency and load. */
    public Result run(Plan plan, boolean warmAndLoad) {
        List<Double> fetchesAfterCold = new ArrayList<>();
        List<List<Double>> client = new ArrayList<>();
        List<List<Double>> init = new ArrayList<>();
        List<List<Double>> bare = new ArrayList<>();
        ROUTES.forEach(r -> {
            client.add(new ArrayList<>());
            init.add(new ArrayList<>());
            bare.add(new ArrayList<>());
        });
        functions.forEach(BenchFunction::removeAotCache); // run 0 is a fresh build's first start: it records the cache
        for (int run = 0; run <= plan.coldRuns(); run++) {
            try (LocalApiProcess serve = LocalApiProcess.start(jdk, localJar, projectRoot, dynamoEndpoint)) {
                preflight(serve.baseUrl());
                for (int k = 0; k < ROUTES.size(); k++) {
                    int i = (k + run) % ROUTES.size(); // routes take turns at being the server's first
                    Route route = ROUTES.get(i);
                    bare.get(i).addAll(jdk.bareStarts(1));
                    long started = System.nanoTime();
                    send(serve.baseUrl(), route);
                    client.get(i).add(Stats.millisSince(started));
                    init.get(i).add(serve.nextInitDuration(route.function()));
                    if (run > 0 && route.function().equals("GetArticleFunction")) {
                        // The instance just started serves them: one client, one request after another.
                        for (int n = 0; n < plan.fetchesAfterCold(); n++) {
                            long sentAt = System.nanoTime();
                            send(serve.baseUrl(), route);
                            fetchesAfterCold.add(Stats.millisSince(sentAt));
                        }
                    }
                }
            }
            progress.say(run == 0 ? "first cold start of the build through the gateway (recording the AOT cache)"
                    : "cold start %d of %d through the gateway".formatted(run, plan.coldRuns()));
        }
        List<Cold> cold = new ArrayList<>();
        for (int i = 0; i < ROUTES.size(); i++) {
            FirstOfBuild first = new FirstOfBuild(client.get(i).removeFirst(), init.get(i).removeFirst(),
                    bare.get(i).removeFirst());
            cold.add(new Cold(ROUTES.get(i), client.get(i), init.get(i), bare.get(i), first));
        }
        if (!warmAndLoad) {
            return new Result(cold, fetchesAfterCold, List.of(), List.of());
        }
        try (LocalApiProcess serve = LocalApiProcess.start(jdk, localJar, projectRoot, dynamoEndpoint)) {
            List<Warm> warm = new ArrayList<>();
            for (Route route : ROUTES) {
                warm.add(warm(serve.baseUrl(), route, plan));
            }
            progress.say("warm latency measured");
            List<Load> load = new ArrayList<>();
            for (Route route : ROUTES.stream().filter(Route::underLoad).toList()) {
                for (int clients : CLIENTS) {
                    load.add(load(serve.baseUrl(), route, clients, plan));
                    progress.say("%s with %d clients: %.0f requests/s", route.name(), clients, load.getLast().perSecond());
                }
            }
            return new Result(cold, fetchesAfterCold, warm, load);
        }
    }

    /**
     * A CORS preflight, which the gateway answers itself: serve's own first request (its JVM's HTTP path still
     * cold) is not the function's cold start, and API Gateway is never cold.
     */
    private void preflight(URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/articles")).timeout(REQUEST_TIMEOUT)
                .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build();
        String error = attempt(request, 204);
        if (error != null) {
            throw new IllegalStateException("serve's CORS preflight failed: " + error);
        }
    }

    private Warm warm(URI base, Route route, Plan plan) {
        for (int i = 0; i < plan.warmUp(); i++) {
            send(base, route);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < plan.warmRequests(); i++) {
            long started = System.nanoTime();
            send(base, route);
            times.add(Stats.millisSince(started));
        }
        return new Warm(route, times.size(), Stats.median(times), Stats.percentile(times, 99));
    }

    /** {@code clients} threads, each sending one request after another: a warm-up, then the measured time. */
    private Load load(URI base, Route route, int clients, Plan plan) {
        hammer(base, route, clients, plan.loadWarmUp());
        return hammer(base, route, clients, plan.loadTime());
    }

    private Load hammer(URI base, Route route, int clients, Duration time) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long started = System.nanoTime();
            long deadline = started + time.toNanos();
            List<Future<ClientRun>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> clientRun(base, route, deadline)));
            }
            List<Double> times = new ArrayList<>();
            long errors = 0;
            String firstError = null;
            for (Future<ClientRun> run : runs) {
                ClientRun r = run.get();
                times.addAll(r.times());
                errors += r.errors();
                firstError = firstError == null ? r.firstError() : firstError;
            }
            double seconds = Stats.millisSince(started) / 1000;
            return new Load(route, clients, times.size() + errors, errors, seconds,
                    times.isEmpty() ? Double.NaN : Stats.median(times),
                    times.isEmpty() ? Double.NaN : Stats.percentile(times, 99), firstError);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a load client failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private record ClientRun(List<Double> times, long errors, String firstError) {}

    private ClientRun clientRun(URI base, Route route, long deadline) {
        List<Double> times = new ArrayList<>();
        long errors = 0;
        String firstError = null;
        for (int i = 0; i < MAX_REQUESTS_PER_CLIENT && System.nanoTime() < deadline; i++) {
            long started = System.nanoTime();
            String error = attempt(base, route);
            if (error == null) {
                times.add(Stats.millisSince(started));
            } else {
                errors++;
                firstError = firstError == null ? error : firstError;
            }
        }
        return new ClientRun(times, errors, firstError);
    }

    /** One request; null when it got the route's expected status, else what went wrong. */
    private String attempt(URI base, Route route) {
        return attempt(route.request(base, sent.incrementAndGet()), route.expectedStatus());
    }

    /** @return null when the request got the expected status, else what went wrong */
    private String attempt(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == expectedStatus ? null
                    : "status " + response.statusCode() + ": " + abbreviate(response.body());
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void send(URI base, Route route) {
        String error = attempt(base, route);
        if (error != null) {
            throw new IllegalStateException(route.name() + " failed: " + error);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
