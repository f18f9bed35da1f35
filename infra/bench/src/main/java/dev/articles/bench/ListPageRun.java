package dev.articles.bench;

import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.template.SamTemplate;
import dev.articles.template.ProjectRoot;
import dev.articles.template.TableSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The list pages at several table sizes: dynalite in memory, one table per size, created from template.yaml; and the
 * smallest size again beside drafts and scheduled articles, in a table of its own.
 */
public final class ListPageRun {

    /** How long seeding up to one size took. */
    public record Seeding(int articles, long items, double seconds) {}

    /**
     * @param besideNotLive the pages of the smallest size's table (keyed by its live articles) and of the table holding
     *                      the same live articles and {@code notLive} drafts and scheduled ones (keyed by all it holds)
     */
    public record Result(List<ListPageCost.Measurement> measurements, List<Seeding> seeding,
                         List<ListPageCost.Measurement> besideNotLive, int notLive) {}

    private ListPageRun() {}

    /** Seeds one table per size (so every size is measured side by side), then measures every page. */
    public static Result run(Path projectRoot, List<Integer> sizes, int notLive, int timedRuns, Progress progress) {
        try (Dynalite dynalite = Dynalite.startInMemory(projectRoot)) {
            DynamoDbClient dynamo = LocalDynamoDb.client(dynalite.endpoint());
            TableSpec spec = SamTemplate.load(projectRoot.resolve(ProjectRoot.TEMPLATE)).table("ArticlesTable");
            Map<Integer, String> tables = new TreeMap<>();
            List<Seeding> seeding = new ArrayList<>();
            for (int size : sizes) {
                String table = "articles-bench-" + size;
                TableFactory.createIfAbsent(dynamo, spec, table);
                long started = System.nanoTime();
                long items = new Seeder(dynamo, table).seed(0, size);
                Seeding seeded = new Seeding(size, items, Stats.millisSince(started) / 1000);
                seeding.add(seeded);
                progress.say("seeded %,d articles (%,d items, %,.0f items/s)", size, items, items / seeded.seconds());
                tables.put(size, table);
            }
            List<ListPageCost.Measurement> measurements = new ListPageCost(dynamo, timedRuns).measure(tables);
            progress.say("measured %d list pages", measurements.size());

            int live = sizes.getFirst();
            String besideNotLive = "articles-bench-" + live + "-beside-not-live";
            TableFactory.createIfAbsent(dynamo, spec, besideNotLive);
            Seeder seeder = new Seeder(dynamo, besideNotLive);
            long items = seeder.seed(0, live) + seeder.seedNotLive(0, notLive);
            progress.say("seeded %,d live articles beside %,d drafts and scheduled ones (%,d items)", live, notLive, items);
            List<ListPageCost.Measurement> beside = new ListPageCost(dynamo, timedRuns)
                    .measure(new TreeMap<>(Map.of(live, tables.get(live), live + notLive, besideNotLive)));
            progress.say("measured %d list pages beside drafts and scheduled articles", beside.size());
            return new Result(measurements, seeding, beside, notLive);
        }
    }
}
