package dev.articles.dynalite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.TableSpec;
import java.util.HashSet;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Asserts that a table, as the engine describes it, is the one the template declares. */
final class TableMatchesTemplate {

    private TableMatchesTemplate() {
    }

    static void assertMatches(DynamoDbClient client, String tableName, TableSpec spec) {
        TableDescription table = client.describeTable(r -> r.tableName(tableName)).table();
        assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
        assertThat(table.billingModeSummary().billingModeAsString()).isEqualTo(spec.billingMode());
        assertThat(keys(table.keySchema())).isEqualTo(specKeys(spec.keySchema()));
        assertThat(table.attributeDefinitions())
                .extracting(a -> new TableSpec.Attribute(a.attributeName(), a.attributeTypeAsString()))
                .containsExactlyInAnyOrderElementsOf(spec.attributeDefinitions());
        assertThat(table.globalSecondaryIndexes()).hasSameSizeAs(spec.globalSecondaryIndexes());
        for (TableSpec.Index index : spec.globalSecondaryIndexes()) {
            GlobalSecondaryIndexDescription described = table.globalSecondaryIndexes().stream()
                    .filter(i -> i.indexName().equals(index.name())).findFirst().orElseThrow();
            assertThat(described.indexStatusAsString()).isEqualTo("ACTIVE");
            assertThat(keys(described.keySchema())).isEqualTo(specKeys(index.keySchema()));
            assertThat(described.projection().projectionTypeAsString()).isEqualTo(index.projection().type());
            assertThat(new HashSet<>(described.projection().nonKeyAttributes()))
                    .isEqualTo(new HashSet<>(index.projection().nonKeyAttributes()));
        }
    }

    private static List<String> keys(List<KeySchemaElement> keys) {
        return keys.stream().map(k -> k.attributeName() + ":" + k.keyTypeAsString()).toList();
    }

    private static List<String> specKeys(List<TableSpec.KeyElement> keys) {
        return keys.stream().map(k -> k.attributeName() + ":" + k.keyType()).toList();
    }
}
