package dev.articles.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads an {@code AWS::DynamoDB::Table}'s properties into a {@link TableSpec}. */
final class TableSpecs {

    private TableSpecs() {
    }

    static TableSpec read(String logicalId, Map<String, Object> properties, IntrinsicResolver params) {
        Map<String, Object> p = SamTemplate.asMap(params.resolve(properties), logicalId + ".Properties");
        List<TableSpec.Attribute> attributes = new ArrayList<>();
        for (Object a : list(p.get("AttributeDefinitions"))) {
            Map<String, Object> m = SamTemplate.asMap(a, logicalId + ".AttributeDefinitions[]");
            attributes.add(new TableSpec.Attribute(str(m.get("AttributeName")), str(m.get("AttributeType"))));
        }
        List<TableSpec.Index> indexes = new ArrayList<>();
        for (Object i : list(p.get("GlobalSecondaryIndexes"))) {
            Map<String, Object> m = SamTemplate.asMap(i, logicalId + ".GlobalSecondaryIndexes[]");
            Map<String, Object> projection = SamTemplate.asMap(m.get("Projection"), str(m.get("IndexName")) + ".Projection");
            indexes.add(new TableSpec.Index(str(m.get("IndexName")), keySchema(m.get("KeySchema")),
                    new TableSpec.Projection(str(projection.get("ProjectionType")),
                            list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList())));
        }
        Optional<String> ttl = Optional.empty();
        if (p.get("TimeToLiveSpecification") instanceof Map<?, ?> t && Boolean.parseBoolean(String.valueOf(t.get("Enabled")))) {
            ttl = Optional.of(str(t.get("AttributeName")));
        }
        return new TableSpec(logicalId, p.containsKey("BillingMode") ? str(p.get("BillingMode")) : "PROVISIONED",
                attributes, keySchema(p.get("KeySchema")), indexes, ttl);
    }

    private static List<TableSpec.KeyElement> keySchema(Object value) {
        List<TableSpec.KeyElement> out = new ArrayList<>();
        for (Object k : list(value)) {
            Map<String, Object> m = SamTemplate.asMap(k, "KeySchema[]");
            out.add(new TableSpec.KeyElement(str(m.get("AttributeName")), str(m.get("KeyType"))));
        }
        return out;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String str(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a required table property is missing");
        }
        return value.toString();
    }
}
