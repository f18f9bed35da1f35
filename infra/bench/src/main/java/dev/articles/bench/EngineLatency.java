package dev.articles.bench;

import dev.articles.dynamodb.ArticleItems;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The floor under a warm fetch: the same consistent GetItem the fetch makes, from the bench's own warm client
 * straight to dynalite, with no gateway, runtime client or function around it.
 */
public final class EngineLatency {

    public record Result(int calls, double p50, double p99) {}

    private EngineLatency() {}

    public static Result getItem(DynamoDbClient dynamo, String table, int warmUp, int calls) {
        var key = ArticleItems.articleKey(BenchFunction.SAMPLE_ID);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < warmUp + calls; i++) {
            long started = System.nanoTime();
            dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true));
            if (i >= warmUp) {
                times.add(Stats.millisSince(started));
            }
        }
        return new Result(calls, Stats.median(times), Stats.percentile(times, 99));
    }
}
