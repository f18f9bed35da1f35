package dev.articles.bench;

import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The benchmark command ({@code infra/bench/run}): cold starts, warm latency and throughput through the local
 * gateway, artifact sizes and list-page cost, printed as one Markdown report and written to a file.
 */
public final class Bench {

    /** Articles stored for the gateway's list route: enough for full pages. */
    private static final int GATEWAY_ARTICLES = 500;

    private Bench() {}

    public static void main(String[] args) throws IOException {
        Path root = ProjectRoot.find();
        Options options;
        try {
            options = Options.parse(List.of(args), root);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.onlyFeed()) {
            feed(root, options);
            return;
        }
        if (options.onlySearch()) {
            search(root, options);
            return;
        }
        if (!options.onlyWrites()) {
            String report = run(root, options, Progress.stderr());
            System.out.println(report);
            ReportFile.write(options.out(), report, options.quick());
        }
        if (options.coldOnly()) {
            return;
        }
        // Its own block of the page, so that `--only writes` rewrites it alone.
        String writes = writes(root, options, Progress.stderr()).markdown();
        System.out.println(writes);
        if (options.quick() && !options.onlyWrites()) {
            Files.writeString(options.out(), Files.readString(options.out()) + "\n" + writes);
        } else {
            ReportFile.write(options.out(), writes, options.quick(), ReportFile.WRITES_BEGIN, ReportFile.WRITES_END);
        }
        if (!options.quick() && !options.onlyWrites()) {
            feed(root, options);
            search(root, options);
        }
        Progress.stderr().say("written to %s", root.relativize(options.out()));
    }

    /** The changes feed's section, in a block of its own so that `--only feed` rewrites it alone. */
    static void feed(Path root, Options options) throws IOException {
        String feed = FeedRun.run(root, options.feedSizes(), options.syncArticles(), options.feedTimedRuns(), Progress.stderr()).markdown();
        System.out.println(feed);
        ReportFile.write(options.out(), feed, false, ReportFile.FEED_BEGIN, ReportFile.FEED_END);
    }

    /**
     * The search section, in a block of its own so that {@code --only search} rewrites it alone; a quick run writes
     * it to its own file, never over the published figures.
     */
    static void search(Path root, Options options) throws IOException {
        SamTemplate template = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE));
        FunctionJdk jdk = FunctionJdk.forFeature(BenchFunction.all(root, template.functions()).getFirst().spec().javaFeatureVersion());
        String search = SearchRun.run(root, jdk, localJar(root), options.searchPlan(), Progress.stderr()).markdown();
        System.out.println(search);
        ReportFile.write(options.out(), search, false, ReportFile.SEARCH_BEGIN, ReportFile.SEARCH_END);
    }

    /** The write-latency section: serve on its own dynalite, behind a simulated round trip. */
    static WriteLatency.Result writes(Path root, Options options, Progress progress) throws IOException {
        SamTemplate template = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE));
        List<BenchFunction> functions = BenchFunction.all(root, template.functions());
        FunctionJdk jdk = FunctionJdk.forFeature(functions.getFirst().spec().javaFeatureVersion());
        return WriteLatency.measure(root, template, jdk, localJar(root), options.writeWarmUp(), options.writeRequests(), progress);
    }

    public static String run(Path root, Options options, Progress progress) throws IOException {
        SamTemplate template = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE));
        List<BenchFunction> functions = BenchFunction.all(root, template.functions());
        FunctionJdk jdk = FunctionJdk.forFeature(functions.getFirst().spec().javaFeatureVersion());
        Report report = new Report(options, Machine.current(jdk), LoadAverage.now(), Instant.now());
        progress.say("machine: %s", report.machine());

        report.bareJava(jdk.bareStarts(options.bareRuns()));
        report.artifacts(Artifacts.measure(functions));
        progress.say("bare java -version and artifact sizes measured");

        Path work = Files.createDirectories(root.resolve("infra/bench/target/work"));
        try (Dynalite dynalite = Dynalite.startInMemory(root)) {
            DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint());
            // The table serve would create: a Ref to the table is its logical id locally.
            String table = "ArticlesTable";
            TableFactory.createIfAbsent(dynamo, template.table(table), table);
            SampleArticle.store(dynamo, table);
            new Seeder(dynamo, table).seed(0, options.quick() ? 50 : GATEWAY_ARTICLES);
            report.engine(EngineLatency.getItem(dynamo, table, options.quick() ? 20 : 1000, options.quick() ? 20 : 2000));

            DirectColdStart direct = new DirectColdStart(jdk, Map.of("TABLE_NAME", table,
                    "AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString(), "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", LocalDynamoDb.ACCESS_KEY_ID, "AWS_SECRET_ACCESS_KEY", LocalDynamoDb.SECRET_ACCESS_KEY,
                    "CURSOR_SIGNING_KEY", "bench-cursor-signing-key-0123456789abcdefghij",
                    "EDITOR_SCOPE", "articles/edit", "EDITOR_GROUP", "editors"), work);
            // The template's options first (the direct cold start), then the same primed (SnapStart's stand-in).
            List<DirectColdStart.Variant> variants = new ArrayList<>(List.of(JvmLevers.TEMPLATE, JvmLevers.PRIMED));
            if (!options.quick() && !options.coldOnly()) {
                JvmLevers.ALL.stream().filter(v -> v != JvmLevers.TEMPLATE && (jdk.feature() >= 25 || !v.name().contains("AOT")))
                        .forEach(variants::add);
            }
            List<ColdProfile.Result> profiles = new ArrayList<>();
            for (BenchFunction function : functions) {
                if (ColdProfile.FUNCTIONS.contains(function.name())) {
                    profiles.add(ColdProfile.measure(direct, function, options.profileRuns()));
                }
            }
            report.profiles(profiles);
            progress.say("cold-start profiles measured");
            List<DirectColdStart.Result> directResults = new ArrayList<>();
            for (BenchFunction function : functions) {
                directResults.addAll(direct.measure(function, variants, options.coldRuns(), options.quick() ? 5 : 50));
                progress.say("direct cold starts of %s measured", function.name());
            }
            report.direct(directResults);
            if (!options.coldOnly()) {
                report.jit(WarmJit.measure(direct, functions, options.jitPlan(), progress));
            }

            Path localJar = localJar(root);
            if (!options.gateway()) {
                report.gatewaySkipped("--skip-gateway was given");
            } else if (!Files.isRegularFile(localJar)) {
                report.gatewaySkipped(root.relativize(localJar) + " is not built");
            } else {
                report.gateway(new GatewayBench(jdk, functions, localJar, root, dynalite.endpoint(), progress)
                        .run(options.gatewayPlan(), !options.coldOnly()));
            }
        }
        if (options.lists()) {
            report.lists(ListPageRun.run(root, options.listSizes(), options.notLiveArticles(), options.listTimedRuns(), progress));
        }
        report.finished(LoadAverage.now(), Instant.now());
        return report.markdown();
    }

    /** The local runtime the gateway part runs: infra/local's artifact, as `infra/mvnw package` builds it. */
    static Path localJar(Path root) {
        return root.resolve("infra/local/target/articles-local.jar");
    }
}
