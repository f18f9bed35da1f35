package dev.articles.bench;

import dev.articles.core.store.ListFilter;
import dev.articles.dynamodb.ArticleItems;
import dev.articles.dynamodb.ListQueries;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The cost of the first page of each list as the table grows: the Query the list function makes for it
 * ({@link ListQueries#query}, {@code limit + 1} items to tell whether a next page exists), with
 * ReturnConsumedCapacity=TOTAL, timed through the SDK over loopback.
 */
public final class ListPageCost {

    /** One access pattern of GET /articles. */
    public record Pattern(String name, ListFilter filter) {}

    public static final List<Pattern> PATTERNS = List.of(
            new Pattern("all", ListFilter.ALL),
            new Pattern("author", new ListFilter(null, SeedArticles.AUTHOR, null, null)),
            new Pattern("tag", new ListFilter(SeedArticles.TAG, null, null, null)),
            new Pattern("tag+author", new ListFilter(SeedArticles.TAG, SeedArticles.AUTHOR, null, null)),
            new Pattern("all, since/until", new ListFilter(null, null, SeedArticles.SINCE, SeedArticles.UNTIL)),
            new Pattern("author, since/until", new ListFilter(null, SeedArticles.AUTHOR, SeedArticles.SINCE, SeedArticles.UNTIL)),
            new Pattern("tag, since/until", new ListFilter(SeedArticles.TAG, null, SeedArticles.SINCE, SeedArticles.UNTIL)),
            new Pattern("tag+author, since/until", new ListFilter(SeedArticles.TAG, SeedArticles.AUTHOR, SeedArticles.SINCE, SeedArticles.UNTIL)));

    public static final List<Integer> LIMITS = List.of(20, 100);
    private static final int WARM_UP_ROUNDS = 5;

    /**
     * One page measured at one table size.
     * @param engineRcu    ConsumedCapacity.CapacityUnits as the engine reported it
     * @param computedRcu  DynamoDB's rule applied to the items returned: their sizes summed, rounded up to 4 KB,
     *                     halved for an eventually consistent read
     * @param roundMillis  the time of each round, in order: round i of every size ran back to back
     * @param notLive      items of the page that no public list may show (drafts, scheduled): 0 when all is well
     */
    public record Measurement(Pattern pattern, int limit, int articles, int items, double engineRcu,
                              double computedRcu, double medianMillis, List<Double> roundMillis, long notLive) {}

    private final DynamoDbClient dynamo;
    private final int timedRuns;

    public ListPageCost(DynamoDbClient dynamo, int timedRuns) {
        this.dynamo = dynamo;
        this.timedRuns = timedRuns;
    }

    /**
     * Every pattern at every limit on every table. The tables are queried in turn within each round, so a
     * drift of the engine (its JIT warming, its garbage collector) touches every size alike.
     * @param tables table name by the number of articles it holds
     */
    public List<Measurement> measure(Map<Integer, String> tables) {
        List<Measurement> results = new ArrayList<>();
        for (Pattern pattern : PATTERNS) {
            for (int limit : LIMITS) {
                results.addAll(measure(pattern, limit, tables));
            }
        }
        return results;
    }

    List<Measurement> measure(Pattern pattern, int limit, Map<Integer, String> tables) {
        Map<Integer, QueryRequest> requests = new TreeMap<>();
        tables.forEach((articles, table) -> requests.put(articles,
                ListQueries.query(table, pattern.filter(), null, limit + 1, Instant.now()).orElseThrow().toBuilder()
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()));
        Map<Integer, QueryResponse> firsts = new TreeMap<>();
        Map<Integer, List<Double>> times = new TreeMap<>();
        requests.forEach((articles, request) -> {
            firsts.put(articles, dynamo.query(request));
            times.put(articles, new ArrayList<>());
        });
        for (int round = -WARM_UP_ROUNDS; round < timedRuns; round++) {
            for (Map.Entry<Integer, QueryRequest> request : requests.entrySet()) {
                long started = System.nanoTime();
                dynamo.query(request.getValue());
                if (round >= 0) {
                    times.get(request.getKey()).add(Stats.millisSince(started));
                }
            }
        }
        List<Measurement> results = new ArrayList<>();
        Instant now = Instant.now();
        firsts.forEach((articles, first) -> results.add(new Measurement(pattern, limit, articles, first.count(),
                first.consumedCapacity() == null ? Double.NaN : first.consumedCapacity().capacityUnits(),
                computedRcu(first.items()), Stats.median(times.get(articles)), List.copyOf(times.get(articles)),
                first.items().stream().filter(item -> !ArticleItems.fromItem(item).isLive(now)).count())));
        return results;
    }

    /** Read units by DynamoDB's published rule, for an eventually consistent Query. */
    static double computedRcu(List<Map<String, AttributeValue>> items) {
        long bytes = items.stream().mapToLong(ListPageCost::itemSize).sum();
        return Math.ceil(bytes / 4096.0) * 0.5;
    }

    /** DynamoDB's item size: each attribute's name plus its value. */
    static long itemSize(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + valueSize(e.getValue())).sum();
    }

    private static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case BOOL, NUL -> 1;
            case N -> (value.n().replaceAll("[^0-9]", "").length() + 1) / 2 + 1;
            case L -> 3 + value.l().stream().mapToLong(v -> 1 + valueSize(v)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue())).sum();
            default -> throw new IllegalArgumentException("no size rule for " + value.type() + " here");
        };
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
