package dev.articles.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The attribute values the store writes most: one place for the short forms every item mapping uses. */
final class Attributes {

    private Attributes() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
