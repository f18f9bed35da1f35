package dev.articles.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The one Jackson streaming factory of the functions. Streaming instead of databind: no reflection, a far
 * smaller class graph to load at cold start, and exact control over what a request may contain.
 */
public final class Json {

    /** The contract's limit: a body nested deeper than this is rejected. */
    public static final int MAX_DEPTH = 32;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Json() {}

    @FunctionalInterface
    public interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    public static String write(Writer writer) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Writes a string field, or {@code null} where the value is absent. */
    public static void stringOrNull(JsonGenerator generator, String name, String value) throws IOException {
        if (value == null) {
            generator.writeNullField(name);
        } else {
            generator.writeStringField(name, value);
        }
    }
}
