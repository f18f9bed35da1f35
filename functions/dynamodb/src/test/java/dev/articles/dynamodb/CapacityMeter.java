package dev.articles.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.articles.template.TableSpec;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts what a client's calls cost in DynamoDB capacity units. Table units come from the engine
 * ({@code ReturnConsumedCapacity=TOTAL}, which dynalite answers with the item sizes DynamoDB uses). Two things
 * dynalite does not report are computed by DynamoDB's documented rules: the writes to global secondary indexes
 * (per index an item is in before or after a write: 0 when no projected attribute changed, 1 index write when
 * its key stayed, 2 when its key changed, each ceil(entry size / 1 KB)), and a write refused by its condition
 * (charged as a write of the item; every refused write here is on a small tag entry or none: 1 unit).
 */
final class CapacityMeter implements ExecutionInterceptor {

    /** The template's indexes (each one's key attributes), as the table was created from it. */
    private final List<TableSpec.Index> indexes;

    private final DynamoDbClient plain;
    private final String table;
    private final ThreadLocal<Map<String, AttributeValue>> before = new ThreadLocal<>();
    // A write's phases send requests from several threads at once: the counters change under this meter's lock.
    double reads;
    double tableWrites;
    double indexWrites;
    int requests;
    int refused;

    CapacityMeter(DynamoDbClient plain, String table, TableSpec spec) {
        this.indexes = spec.globalSecondaryIndexes();
        this.plain = plain;
        this.table = table;
    }

    synchronized void reset() {
        reads = tableWrites = indexWrites = 0;
        requests = refused = 0;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Map<String, AttributeValue> key = keyOf(request);
        if (key != null) {
            before.set(item(key));
        }
        return switch (request) {
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            default -> request;
        };
    }

    @Override
    public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        requests++;
        switch (context.response()) {
            case PutItemResponse r -> written(r.consumedCapacity(), context.request());
            case UpdateItemResponse r -> written(r.consumedCapacity(), context.request());
            case DeleteItemResponse r -> written(r.consumedCapacity(), context.request());
            case GetItemResponse r -> reads += units(r.consumedCapacity());
            case QueryResponse r -> reads += units(r.consumedCapacity());
            default -> { }
        }
    }

    @Override
    public synchronized void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof ConditionalCheckFailedException) {
            requests++;
            refused++;
            tableWrites += 1;
        }
    }

    private void written(ConsumedCapacity capacity, SdkRequest request) {
        tableWrites += units(capacity);
        Map<String, AttributeValue> after = item(keyOf(request));
        Map<String, AttributeValue> old = before.get();
        for (TableSpec.Index index : indexes) {
            List<String> keys = index.keySchema().stream().map(TableSpec.KeyElement::attributeName).toList();
            Map<String, AttributeValue> was = entry(old, index, keys);
            Map<String, AttributeValue> is = entry(after, index, keys);
            if (was.equals(is)) {
                continue;
            }
            boolean sameKey = !was.isEmpty() && !is.isEmpty() && keys.stream().allMatch(k -> was.get(k).equals(is.get(k)));
            indexWrites += sameKey ? kilobytes(is) : kilobytes(was) + kilobytes(is);
        }
    }

    /** The item's entry in an index: empty when the item lacks the index's keys. */
    private static Map<String, AttributeValue> entry(Map<String, AttributeValue> item, TableSpec.Index index, List<String> keys) {
        if (item == null || !item.keySet().containsAll(keys)) {
            return Map.of();
        }
        Map<String, AttributeValue> entry = new HashMap<>();
        item.forEach((name, value) -> {
            // An index always holds the table's and its own keys.
            if (index.projection().nonKeyAttributes().contains(name) || keys.contains(name) || name.equals(Keys.PK) || name.equals(Keys.SK)) {
                entry.put(name, value);
            }
        });
        return entry;
    }

    private static int kilobytes(Map<String, AttributeValue> entry) {
        return entry.isEmpty() ? 0 : (int) Math.ceil(size(entry) / 1024.0);
    }

    /** DynamoDB's item size: names plus values (strings in UTF-8, numbers about a byte per two digits). */
    static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + size(attribute.getValue());
        }
        return size;
    }

    private static long size(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return value.n().length() / 2 + 2;
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToLong(v -> 1 + size(v)).sum();
        }
        if (value.hasM()) {
            return 3 + value.m().size() + size(value.m());
        }
        return 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    private Map<String, AttributeValue> item(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = plain.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Map<String, AttributeValue> keyOf(SdkRequest request) {
        return switch (request) {
            case PutItemRequest r -> Map.of(Keys.PK, r.item().get(Keys.PK), Keys.SK, r.item().get(Keys.SK));
            case UpdateItemRequest r -> r.key();
            case DeleteItemRequest r -> r.key();
            default -> null;
        };
    }
}
