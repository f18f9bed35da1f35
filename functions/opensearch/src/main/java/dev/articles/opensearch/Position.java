package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.articles.core.paging.Cursors;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a search's page ended, the text a cursor signs: {@code {"pit":"<point in time id>"|null,"after":[sort
 * values of the page's last hit]}}. No pit: the point in time had expired, and the walk goes on without one.
 */
record Position(String pit, List<SortValue> after) {

    Position {
        after = List.copyOf(after);
    }

    String text() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = OpenSearchJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (pit == null) {
                g.writeNullField("pit");
            } else {
                g.writeStringField("pit", pit);
            }
            g.writeArrayFieldStart("after");
            for (SortValue value : after) {
                value.write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * A position this adapter wrote. It comes from a signed cursor, so only a change of this format can fail it:
     * then it is a cursor this API no longer reads, a 400 saying to start again.
     */
    static Position parse(String text) {
        try (JsonParser p = OpenSearchJson.FACTORY.createParser(text)) {
            expect(p.nextToken() == JsonToken.START_OBJECT);
            String pit = null;
            List<SortValue> after = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("pit")) {
                    expect(value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL);
                    pit = value == JsonToken.VALUE_NULL ? null : p.getText();
                } else if (field.equals("after")) {
                    expect(value == JsonToken.START_ARRAY);
                    after = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        SortValue sortValue = SortValue.read(p);
                        expect(sortValue != null);
                        after.add(sortValue);
                    }
                } else {
                    expect(false);
                }
            }
            expect(after != null && !after.isEmpty() && p.currentToken() == JsonToken.END_OBJECT && p.nextToken() == null);
            return new Position(pit, after);
        } catch (IOException e) {
            throw Cursors.invalid("is not a cursor this API issued; start again without a cursor");
        }
    }

    private static void expect(boolean condition) {
        if (!condition) {
            throw Cursors.invalid("is not a cursor this API issued; start again without a cursor");
        }
    }
}
