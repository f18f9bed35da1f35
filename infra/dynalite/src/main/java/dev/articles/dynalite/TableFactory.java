package dev.articles.dynalite;

import dev.articles.template.TableSpec;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates a table exactly as the template declares it (keys, indexes, projections, TTL), so code tested
 * locally meets the same schema as in AWS. Does nothing to a table that already exists.
 */
public final class TableFactory {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private TableFactory() {
    }

    /** Creates {@code tableName} from {@code spec} unless it exists, and returns once it and its indexes are ACTIVE. */
    public static void createIfAbsent(DynamoDbClient client, TableSpec spec, String tableName) {
        if (exists(client, tableName)) {
            awaitActive(client, tableName);
            return;
        }
        if (!spec.billingMode().equals("PAY_PER_REQUEST")) {
            throw new IllegalArgumentException(spec.logicalId() + " declares BillingMode " + spec.billingMode()
                    + "; the local engines are set up for PAY_PER_REQUEST only");
        }
        try {
            client.createTable(createRequest(spec, tableName));
        } catch (ResourceInUseException createdMeanwhile) {
            awaitActive(client, tableName);
            return;
        }
        awaitActive(client, tableName);
        spec.ttlAttribute().ifPresent(attribute -> enableTtl(client, tableName, attribute));
    }

    static CreateTableRequest createRequest(TableSpec spec, String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(spec.attributeDefinitions().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type()).build())
                        .toList())
                .keySchema(keySchema(spec.keySchema()))
                .globalSecondaryIndexes(spec.globalSecondaryIndexes().isEmpty() ? null
                        : spec.globalSecondaryIndexes().stream().map(TableFactory::index).toList())
                .build();
    }

    private static GlobalSecondaryIndex index(TableSpec.Index index) {
        Projection.Builder projection = Projection.builder().projectionType(index.projection().type());
        if (!index.projection().nonKeyAttributes().isEmpty()) {
            projection.nonKeyAttributes(index.projection().nonKeyAttributes());
        }
        return GlobalSecondaryIndex.builder().indexName(index.name()).keySchema(keySchema(index.keySchema()))
                .projection(projection.build()).build();
    }

    private static List<KeySchemaElement> keySchema(List<TableSpec.KeyElement> keys) {
        return keys.stream()
                .map(k -> KeySchemaElement.builder().attributeName(k.attributeName()).keyType(k.keyType()).build())
                .toList();
    }

    /** dynalite has no TTL: it answers UnknownOperationException, and items simply never expire there. */
    private static void enableTtl(DynamoDbClient client, String tableName, String attribute) {
        try {
            client.updateTimeToLive(r -> r.tableName(tableName)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
        } catch (DynamoDbException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (!"UnknownOperationException".equals(code)) {
                throw e;
            }
        }
    }

    private static boolean exists(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(r -> r.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void awaitActive(DynamoDbClient client, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (true) {
            TableDescription table = client.describeTable(r -> r.tableName(tableName)).table();
            if (table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream().allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " is not ACTIVE after "
                        + ACTIVE_TIMEOUT.toSeconds() + " s: " + table.tableStatus());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }
}
