package dev.articles.faultproxy;

import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TestDatabase;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the proxy costs (infra/local/README.md, "The fault proxy"): its first start in a JVM that already runs the
 * test database and the SDK, and a GetItem's p50 through it and direct, interleaved in one run. Not a test (never
 * run by Maven); from the repository's root:
 * <pre>
 * infra/mvnw -B -o -q -pl infra/fault-proxy -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * cd infra/fault-proxy &amp;&amp; "$(../mvnw -B -v | sed -n 's/.*runtime: //p')/bin/java" \
 *     -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     dev.articles.faultproxy.ProxyOverhead 500 100
 * </pre>
 * (arguments: timed requests, warm-up requests each way).
 */
final class ProxyOverhead {

    private ProxyOverhead() {}

    public static void main(String[] args) {
        int timed = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        TestDatabase database = TestDatabase.shared();
        String table = database.newTable();
        long startedAt = System.nanoTime();
        FaultProxy proxy = FaultProxy.start(database.endpoint());
        long startNanos = System.nanoTime() - startedAt;
        try (DynamoDbClient direct = LocalDynamoDb.client(database.endpoint());
                DynamoDbClient proxied = LocalDynamoDb.client(proxy.endpoint())) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("overhead"), "sk", AttributeValue.fromS("ARTICLE"));
            direct.putItem(p -> p.tableName(table).item(Map.of("pk", key.get("pk"), "sk", key.get("sk"),
                    "body", AttributeValue.fromS("x".repeat(2_000)))));
            for (int i = 0; i < warmUp; i++) {
                getItem(direct, table, key);
                getItem(proxied, table, key);
            }
            long[] directNanos = new long[timed];
            long[] proxiedNanos = new long[timed];
            for (int i = 0; i < timed; i++) {
                directNanos[i] = getItem(direct, table, key);
                proxiedNanos[i] = getItem(proxied, table, key);
            }
            double directP50 = p50(directNanos);
            double proxiedP50 = p50(proxiedNanos);
            System.out.printf("proxy first start %.1f ms; GetItem p50 direct %.3f ms, through the proxy %.3f ms, "
                    + "overhead %.3f ms (%d timed, %d warm-up)%n",
                    startNanos / 1e6, directP50, proxiedP50, proxiedP50 - directP50, timed, warmUp);
        } finally {
            proxy.close();
        }
        System.exit(0); // the shared database's JVM-exit hook stops it
    }

    private static long getItem(DynamoDbClient client, String table, Map<String, AttributeValue> key) {
        long started = System.nanoTime();
        if (!client.getItem(g -> g.tableName(table).key(key)).hasItem()) {
            throw new IllegalStateException("the item is missing from " + table);
        }
        return System.nanoTime() - started;
    }

    /** In milliseconds. */
    private static double p50(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
