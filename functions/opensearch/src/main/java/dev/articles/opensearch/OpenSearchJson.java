package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/** JSON to and from the engine, with jackson-core's streaming API: no databind in the functions' jars. */
final class OpenSearchJson {

    static final JsonFactory FACTORY = new JsonFactory();

    private OpenSearchJson() {}

    /**
     * The error types of a refusal, e.g. {@code index_not_found_exception}: its {@code error.type} and those of its
     * causes, wherever they nest.
     */
    static Set<String> errorTypes(byte[] body) {
        Set<String> types = new HashSet<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            for (JsonToken token = p.nextToken(); token != null; token = p.nextToken()) {
                if (token == JsonToken.FIELD_NAME && p.currentName().equals("type") && p.nextToken() == JsonToken.VALUE_STRING) {
                    types.add(p.getText());
                }
            }
        } catch (IOException e) {
            // Not JSON (a proxy's page): no type to read.
        }
        return types;
    }

    /** Reads with the given reader, an engine answer that is not the JSON it documents being a bug to report. */
    static <T> T read(byte[] body, Reader<T> reader) {
        try (JsonParser p = FACTORY.createParser(body)) {
            return reader.read(p);
        } catch (IOException e) {
            throw new UncheckedIOException("the search engine's answer is not the JSON expected", e);
        }
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(JsonParser parser) throws IOException;
    }
}
