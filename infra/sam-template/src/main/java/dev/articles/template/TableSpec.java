package dev.articles.template;

import java.util.List;
import java.util.Optional;

/** An {@code AWS::DynamoDB::Table} as declared: what a local engine must create to behave alike. */
public record TableSpec(String logicalId, String billingMode, List<Attribute> attributeDefinitions,
                        List<KeyElement> keySchema, List<Index> globalSecondaryIndexes,
                        Optional<String> ttlAttribute) {

    public TableSpec {
        attributeDefinitions = List.copyOf(attributeDefinitions);
        keySchema = List.copyOf(keySchema);
        globalSecondaryIndexes = List.copyOf(globalSecondaryIndexes);
    }

    /** @param type {@code S}, {@code N} or {@code B} */
    public record Attribute(String name, String type) {
    }

    /** @param keyType {@code HASH} or {@code RANGE} */
    public record KeyElement(String attributeName, String keyType) {
    }

    public record Index(String name, List<KeyElement> keySchema, Projection projection) {
        public Index {
            keySchema = List.copyOf(keySchema);
        }
    }

    /** @param type {@code ALL}, {@code KEYS_ONLY} or {@code INCLUDE} (then with its non-key attributes) */
    public record Projection(String type, List<String> nonKeyAttributes) {
        public Projection {
            nonKeyAttributes = List.copyOf(nonKeyAttributes);
        }
    }
}
