package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.search.SearchHit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code _search} answer read with the streaming parser: each hit's summary from {@code _source}, its
 * {@code highlight} fragments and its {@code sort} values, and the point in time's id (which may change between
 * pages: the next page uses the latest).
 */
record SearchResults(String pit, List<Hit> hits) {

    /** A hit and where it sorts, for {@code search_after}. */
    record Hit(SearchHit hit, List<SortValue> sort) {}

    static SearchResults read(byte[] body) {
        return OpenSearchJson.read(body, SearchResults::read);
    }

    private static SearchResults read(JsonParser p) throws IOException {
        String pit = null;
        List<Hit> hits = List.of();
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("pit_id")) {
                pit = p.getValueAsString();
            } else if (field.equals("hits")) {
                hits = hitsObject(p);
            } else {
                p.skipChildren();
            }
        }
        return new SearchResults(pit, hits);
    }

    private static List<Hit> hitsObject(JsonParser p) throws IOException {
        List<Hit> hits = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("hits")) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    hits.add(hit(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return hits;
    }

    private static Hit hit(JsonParser p) throws IOException {
        Article summary = null;
        Map<String, List<String>> highlights = Map.of();
        List<SortValue> sort = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "_source" -> summary = source(p);
                case "highlight" -> highlights = highlight(p);
                case "sort" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        sort.add(SortValue.read(p));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (summary == null) {
            throw new IOException("a hit without _source");
        }
        return new Hit(new SearchHit(summary, highlights), sort);
    }

    /** The indexed document's summary fields; the index holds live articles only, so each is published. */
    private static Article source(JsonParser p) throws IOException {
        Map<String, String> text = new LinkedHashMap<>();
        List<String> tags = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("tags") && value == JsonToken.START_ARRAY) {
                tags = strings(p);
            } else if (value == JsonToken.VALUE_STRING) {
                text.put(field, p.getText());
            } else {
                p.skipChildren();
            }
        }
        return new Article(text.get("id"), text.get("slug"), Status.PUBLISHED, text.get("title"), text.get("summary"), null,
                text.get("author"), text.get("source"), text.get("sourceUrl"), tags, instant(text.get("publishedAt")),
                instant(text.get("createdAt")), instant(text.get("updatedAt")));
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static Map<String, List<String>> highlight(JsonParser p) throws IOException {
        Map<String, List<String>> fragments = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            fragments.put(field, strings(p));
        }
        return fragments;
    }

    private static List<String> strings(JsonParser p) throws IOException {
        List<String> values = new ArrayList<>();
        while (p.nextToken() == JsonToken.VALUE_STRING) {
            values.add(p.getText());
        }
        return values;
    }
}
