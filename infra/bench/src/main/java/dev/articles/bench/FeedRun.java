package dev.articles.bench;

import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import dev.articles.template.TableSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The changes feed's cost (GET /articles/changes): a page of the default 50 from the start, from a cursor in the
 * middle and from the end (an up-to-date client) at several numbers of changes stored, and a sync from nothing
 * (pages of 100 until {@code more} is false). Each call goes through {@link ChangesFeed} to the store's own Query,
 * which {@link ConsumedReads} asks for its consumed capacity. The seeded articles' feed entries are at their
 * creation times, 1 ms apart; the feed's clock stands an hour after the last, so every entry has settled.
 */
public final class FeedRun {

    static final int PAGE = 50;
    static final int SYNC_PAGE = 100;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int SYNCS = 3;
    /** The id part of a position before every id: a cursor between two change times. */
    private static final String ZEROS = "0".repeat(26);

    /** Where a page starts. */
    public enum From {
        START("from the start (no cursor)"), MIDDLE("from a cursor in the middle"), END("up to date (a cursor at the end)");

        final String label;

        From(String label) {
            this.label = label;
        }
    }

    public record PageCost(From from, int changes, int items, double engineRcu, double computedRcu, double medianMillis) {}

    /** One sync from nothing: pages until {@code more} is false, read units summed over their Queries. */
    public record Sync(int articles, int pages, int changes, double engineRcu, double computedRcu, List<Double> seconds) {}

    public record Result(List<PageCost> pages, Sync sync, int timedRuns, long feedItemBytes, Instant started,
                         String loadAtStart, String loadAtEnd) {

        public String markdown() {
            StringBuilder md = new StringBuilder("### Changes feed: page cost and a sync from nothing\n\n");
            md.append(String.format(Locale.ROOT, "Command: `infra/bench/run --only feed` (or the full run) · run %s · load average "
                    + "(1 min) %s at the start, %s at the end.%n%n", started.truncatedTo(ChronoUnit.SECONDS), loadAtStart, loadAtEnd));
            md.append(String.format(Locale.ROOT, "dynalite in memory, one table per size from template.yaml, seeded as a create "
                    + "leaves each published article (its feed entry on its article item, ByChange); bodies of %,d characters, "
                    + "a feed item of %,d bytes as ByChange projects it. Each page is `ChangesFeed` calling the store's one "
                    + "Query (ByChange, `changeSk < now - 5 s`, ascending, Limit %d) with ReturnConsumedCapacity=TOTAL; "
                    + "engine RCU as dynalite reports it, computed RCU by DynamoDB's rule (the items' sizes summed, rounded "
                    + "up to 4 KB, halved: eventually consistent); time: median of %d rounds after %d warm-up rounds, the "
                    + "sizes in turn within each round, through the SDK over loopback.%n%n",
                    SeedArticles.BODY.length(), feedItemBytes, PAGE, timedRuns, WARM_UP_ROUNDS));
            md.append("| page | changes stored | items | engine RCU | computed RCU | p50 ms |\n|---|---:|---:|---:|---:|---:|\n");
            for (PageCost page : pages) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %d | %.1f | %.1f | %.2f |%n", page.from().label,
                        page.changes(), page.items(), page.engineRcu(), page.computedRcu(), page.medianMillis()));
            }
            md.append(String.format(Locale.ROOT, "%nA sync from nothing of %,d articles (a device calling `ChangesFeed` with "
                    + "limit=%d until `more` is false, %d times): %d pages, %,d changes, %,.1f read units as the engine "
                    + "reported them (%,.1f by DynamoDB's rule), %s s each (median %.2f s).%n", sync.articles(), SYNC_PAGE,
                    sync.seconds().size(), sync.pages(), sync.changes(), sync.engineRcu(), sync.computedRcu(),
                    String.join(", ", sync.seconds().stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList()),
                    Stats.median(sync.seconds())));
            return md.toString();
        }
    }

    private FeedRun() {}

    /**
     * Seeds one table per size, measures each page at every size, then syncs the table of {@code syncArticles}
     * (one of the sizes) from nothing.
     */
    public static Result run(Path projectRoot, List<Integer> sizes, int syncArticles, int timedRuns, Progress progress) {
        Instant started = Instant.now();
        String loadAtStart = LoadAverage.now();
        try (Dynalite dynalite = Dynalite.startInMemory(projectRoot)) {
            DynamoDbClient seeding = LocalDynamoDb.client(dynalite.endpoint());
            ConsumedReads reads = new ConsumedReads();
            DynamoDbClient measured = LocalDynamoDb.builder(dynalite.endpoint())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(reads)).build();
            TableSpec spec = SamTemplate.load(projectRoot.resolve(ProjectRoot.TEMPLATE)).table("ArticlesTable");
            Clock clock = Clock.fixed(SeedArticles.CREATED.plusMillis(sizes.getLast()).plus(1, ChronoUnit.HOURS), ZoneOffset.UTC);
            Cursors cursors = new Cursors("bench-cursor-signing-key-0123456789abcdefghij".getBytes(StandardCharsets.UTF_8));
            Map<Integer, ChangesFeed> feeds = new TreeMap<>();
            for (int size : sizes) {
                String table = "articles-feed-" + size;
                TableFactory.createIfAbsent(seeding, spec, table);
                long items = new Seeder(seeding, table).seed(0, size);
                progress.say("seeded %,d articles for the feed (%,d items)", size, items);
                feeds.put(size, new ChangesFeed(new DynamoArticleStore(measured, table), cursors, clock));
            }
            List<PageCost> pages = new ArrayList<>();
            long feedItemBytes = 0;
            for (From from : From.values()) {
                Map<Integer, Map<String, String>> queries = new LinkedHashMap<>();
                Map<Integer, List<QueryResponse>> firsts = new HashMap<>();
                Map<Integer, List<Double>> times = new HashMap<>();
                feeds.forEach((size, feed) -> {
                    Map<String, String> query = query(feed, from, size, clock);
                    queries.put(size, query);
                    reads.take();
                    feed.changes(query);
                    firsts.put(size, reads.take());
                    times.put(size, new ArrayList<>());
                });
                for (int round = -WARM_UP_ROUNDS; round < timedRuns; round++) {
                    for (Map.Entry<Integer, Map<String, String>> query : queries.entrySet()) {
                        long startedNanos = System.nanoTime();
                        feeds.get(query.getKey()).changes(query.getValue());
                        if (round >= 0) {
                            times.get(query.getKey()).add(Stats.millisSince(startedNanos));
                        }
                    }
                }
                reads.take();
                for (int size : queries.keySet()) {
                    List<QueryResponse> first = firsts.get(size);
                    int items = first.stream().mapToInt(QueryResponse::count).sum();
                    if (from == From.START && feedItemBytes == 0 && items > 0) {
                        feedItemBytes = ListPageCost.itemSize(first.getFirst().items().getFirst());
                    }
                    pages.add(new PageCost(from, size, items, ConsumedReads.engineRcu(first), ConsumedReads.computedRcu(first),
                            Stats.median(times.get(size))));
                }
                progress.say("measured feed pages %s", from.label);
            }
            Sync sync = sync(feeds.get(syncArticles), syncArticles, reads);
            progress.say("synced %,d articles from nothing %d times", syncArticles, SYNCS);
            return new Result(pages, sync, timedRuns, feedItemBytes, started, loadAtStart, LoadAverage.now());
        }
    }

    /** The page's query parameters: the default limit, and a cursor unless from the start. */
    private static Map<String, String> query(ChangesFeed feed, From from, int size, Clock clock) {
        Instant at = switch (from) {
            case START -> null;
            // Between two changes: the next page holds the later half's first ones.
            case MIDDLE -> SeedArticles.CREATED.plusMillis(size / 2);
            // Where a sync a minute ago stopped: its settled end (ChangesFeed's cursor when nothing more was ready).
            case END -> clock.instant().minus(ChangesFeed.SETTLE).minus(1, ChronoUnit.MINUTES);
        };
        Map<String, String> query = new HashMap<>(Map.of("limit", Integer.toString(PAGE)));
        if (at != null) {
            query.put("cursor", feed.cursorAfter(new Change.Delete("", at, Timestamps.sortable(at) + "#" + ZEROS), clock.instant()));
        }
        return query;
    }

    private static Sync sync(ChangesFeed feed, int articles, ConsumedReads reads) {
        List<Double> seconds = new ArrayList<>();
        int pages = 0;
        int changes = 0;
        List<QueryResponse> answers = List.of();
        for (int run = 0; run < SYNCS; run++) {
            reads.take();
            Set<String> device = new HashSet<>();
            pages = 0;
            changes = 0;
            long started = System.nanoTime();
            String cursor = null;
            boolean more = true;
            while (more) {
                Map<String, String> query = new HashMap<>(Map.of("limit", Integer.toString(SYNC_PAGE)));
                if (cursor != null) {
                    query.put("cursor", cursor);
                }
                ChangesFeed.Page page = feed.changes(query);
                for (Change change : page.changes()) {
                    if (change instanceof Change.Upsert upsert) {
                        device.add(upsert.article().id());
                    }
                }
                changes += page.changes().size();
                pages++;
                cursor = page.cursor();
                more = page.more();
            }
            seconds.add(Stats.millisSince(started) / 1000);
            answers = reads.take();
            if (device.size() != articles) {
                throw new IllegalStateException("a sync from nothing holds " + device.size() + " articles, not " + articles);
            }
        }
        return new Sync(articles, pages, changes, ConsumedReads.engineRcu(answers), ConsumedReads.computedRcu(answers), seconds);
    }
}
