package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.articles.core.changes.Change;
import dev.articles.core.search.SearchDocuments;
import dev.articles.core.search.SearchIndexMissingException;
import dev.articles.core.search.SearchIndexingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexer's side of the search engine: {@code _bulk} writes, index creation with the mapping
 * ({@code articles-index.json}), and the public alias ({@link OpenSearchClient#INDEX}) moved
 * atomically to a rebuilt index. Writes through the alias require it to be one ({@code require_alias}), so a
 * deleted index is reported missing instead of being created again with a guessed mapping.
 */
public final class OpenSearchDocuments implements SearchDocuments {

    /** The index settings and mapping (docs/data-model.md, Search index). */
    static final String DEFINITION = "/dev/articles/opensearch/articles-index.json";

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("uuuuMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final OpenSearchClient client;
    private final String alias;
    private final byte[] definition;

    public OpenSearchDocuments(OpenSearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
        try (InputStream in = OpenSearchDocuments.class.getResourceAsStream(DEFINITION)) {
            definition = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void apply(List<Change> changes) {
        bulk("/" + alias + "/_bulk?require_alias=true", changes);
    }

    @Override
    public void applyTo(String index, List<Change> changes) {
        bulk("/" + index + "/_bulk", changes);
    }

    private void bulk(String path, List<Change> changes) {
        for (byte[] request : Bulk.requests(changes, Bulk.MAX_REQUEST_BYTES)) {
            Bulk.check(client.send("POST", path, request));
        }
    }

    @Override
    public boolean exists() {
        OpenSearchClient.Response response = client.send("HEAD", "/" + alias, null);
        if (response.status() == 404) {
            return false;
        }
        if (!response.ok()) {
            throw refused(response);
        }
        return true;
    }

    @Override
    public String newIndex(Instant at) {
        return alias + "-" + SUFFIX.format(at);
    }

    @Override
    public boolean create(String index) {
        OpenSearchClient.Response response = client.send("PUT", "/" + index, definition);
        if (response.ok()) {
            return true;
        }
        if (response.status() == 400 && text(response).contains("resource_already_exists_exception")) {
            return false;
        }
        throw refused(response);
    }

    @Override
    public void publish(String index) {
        List<String> previous = aliased();
        if (previous.equals(List.of(index))) {
            return;
        }
        byte[] actions = json(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("actions");
            g.writeStartObject();
            g.writeObjectFieldStart("add");
            g.writeStringField("index", index);
            g.writeStringField("alias", alias);
            g.writeEndObject();
            g.writeEndObject();
            for (String old : previous) {
                if (!old.equals(index)) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("remove_index");
                    g.writeStringField("index", old);
                    g.writeEndObject();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        OpenSearchClient.Response response = client.send("POST", "/_aliases", actions);
        if (!response.ok()) {
            throw refused(response);
        }
    }

    /** The indexes the alias points at, or the index of its name where one was made without it. */
    private List<String> aliased() {
        OpenSearchClient.Response response = client.send("GET", "/" + alias + "/_alias", null);
        if (response.status() == 404) {
            return List.of();
        }
        if (!response.ok()) {
            throw refused(response);
        }
        List<String> indexes = new ArrayList<>();
        try (JsonParser p = OpenSearchJson.FACTORY.createParser(response.body())) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                indexes.add(p.currentName());
                p.nextToken();
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new SearchIndexingException("the search engine's alias answer is not JSON: " + e.getMessage());
        }
        return indexes;
    }

    @Override
    public void drop(String index) {
        OpenSearchClient.Response response = client.send("DELETE", "/" + index, null);
        if (!response.ok() && response.status() != 404) {
            throw refused(response);
        }
    }

    /** A request the engine answered with an error as a whole (not per action). */
    static RuntimeException refused(OpenSearchClient.Response response) {
        String body = text(response);
        String message = "the search engine answered " + response.status() + ": " + body.substring(0, Math.min(body.length(), 500));
        return response.status() == 404 && body.contains("index_not_found_exception")
                ? new SearchIndexMissingException(message) : new SearchIndexingException(message);
    }

    private static String text(OpenSearchClient.Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] json(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = OpenSearchJson.FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
