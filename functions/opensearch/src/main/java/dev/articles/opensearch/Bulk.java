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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code _bulk} requests for a page of changes, and what their answers mean. Each change is an {@code index}
 * (upsert) or {@code delete} action with {@code version_type: external} and the change's version
 * ({@link SearchDocuments#version}): the engine applies it only over an older version, and answers 409 otherwise,
 * which is a change already applied (a page applied again) or overtaken (a newer one applied first): skipped.
 */
final class Bulk {

    /**
     * The most NDJSON one request carries: a page is normally one request (100 articles of a few KB), and is split
     * so that it stays under the engine's request limit (10 MiB on the small Amazon OpenSearch instance types)
     * whatever the articles' sizes (up to 400 KB each).
     */
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;

    /** What an answer held: the changes applied, and those skipped for their version. */
    record Outcome(int applied, int skipped) {}

    private Bulk() {}

    /** The NDJSON bodies for {@code changes}, in order, each at most {@code maxBytes} unless one change alone is larger. */
    static List<byte[]> requests(List<Change> changes, int maxBytes) {
        List<byte[]> requests = new ArrayList<>();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (Change change : changes) {
            byte[] action = action(change);
            if (request.size() > 0 && request.size() + action.length > maxBytes) {
                requests.add(request.toByteArray());
                request.reset();
            }
            request.writeBytes(action);
        }
        if (request.size() > 0) {
            requests.add(request.toByteArray());
        }
        return requests;
    }

    /** One change's lines: the action, and for an upsert the document; each ends with a newline. */
    static byte[] action(Change change) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            try (JsonGenerator g = OpenSearchJson.FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart(change instanceof Change.Upsert ? "index" : "delete");
                g.writeStringField("_id", switch (change) {
                    case Change.Upsert upsert -> upsert.article().id();
                    case Change.Delete delete -> delete.id();
                });
                g.writeNumberField("version", SearchDocuments.version(change));
                g.writeStringField("version_type", "external");
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
            if (change instanceof Change.Upsert upsert) {
                try (JsonGenerator g = OpenSearchJson.FACTORY.createGenerator(out)) {
                    ArticleDocument.write(g, upsert.article());
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    /**
     * Reads a {@code _bulk} answer.
     *
     * @throws SearchIndexMissingException when the target was not there (an alias required and absent)
     * @throws SearchIndexingException     when an action failed for another reason than its version
     */
    static Outcome check(OpenSearchClient.Response response) {
        if (!response.ok()) {
            throw OpenSearchDocuments.refused(response);
        }
        int applied = 0;
        int skipped = 0;
        try (JsonParser p = OpenSearchJson.FACTORY.createParser(response.body())) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("items")) {
                    p.skipChildren();
                    continue;
                }
                expect(p.currentToken(), JsonToken.START_ARRAY);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    p.nextToken(); // the action's name
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    Item item = item(p);
                    expect(p.nextToken(), JsonToken.END_OBJECT);
                    if (item.errorType == null) {
                        applied++; // 200, 201, or a delete of a document the index never had (404 not_found)
                    } else if (item.status == 409) {
                        skipped++;
                    } else if (item.errorType.equals("index_not_found_exception")) {
                        throw new SearchIndexMissingException(item.errorReason);
                    } else {
                        throw new SearchIndexingException("the search engine refused a change (" + item.status + " "
                                + item.errorType + "): " + item.errorReason);
                    }
                }
            }
        } catch (IOException e) {
            throw new SearchIndexingException("the search engine's bulk answer is not JSON: " + e.getMessage());
        }
        return new Outcome(applied, skipped);
    }

    private static final class Item {
        int status;
        String errorType;
        String errorReason;
    }

    private static Item item(JsonParser p) throws IOException {
        Item item = new Item();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("status")) {
                item.status = p.getIntValue();
            } else if (field.equals("error") && value != JsonToken.START_OBJECT) {
                item.errorType = p.getText();
            } else if (field.equals("error")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("type")) {
                        item.errorType = p.getText();
                    } else if (name.equals("reason")) {
                        item.errorReason = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return item;
    }

    private static void expect(JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + ", found " + token);
        }
    }
}
