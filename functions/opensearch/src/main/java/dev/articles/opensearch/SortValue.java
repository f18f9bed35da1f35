package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One value of a hit's {@code sort} array ({@code _score}, publishedAt, id), kept as the engine wrote it (a number's
 * exact text, or a string) so that {@code search_after} hands the engine back exactly what it gave.
 */
record SortValue(String text, boolean number) {

    void write(JsonGenerator g) throws IOException {
        if (number) {
            g.writeNumber(text);
        } else {
            g.writeString(text);
        }
    }

    /** The value at the parser's current token, or null when it is neither a number nor a string. */
    static SortValue read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return new SortValue(p.getText(), true);
        }
        return token == JsonToken.VALUE_STRING ? new SortValue(p.getText(), false) : null;
    }
}
