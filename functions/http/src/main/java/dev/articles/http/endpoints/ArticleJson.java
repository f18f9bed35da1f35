package dev.articles.http.endpoints;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
import dev.articles.core.search.SearchHit;
import dev.articles.http.Json;
import java.io.IOException;
import java.util.List;

/** Articles as the contract's JSON: every field present, null where an optional field was not given. */
public final class ArticleJson {

    private ArticleJson() {}

    public static String article(Article article) {
        return Json.write(g -> write(g, article, true));
    }

    /** A list page: summaries (no body) and the cursor of the next page, null on the last. */
    public static String page(List<Article> items, String nextCursor) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (Article item : items) {
                write(g, item, false);
            }
            g.writeEndArray();
            Json.stringOrNull(g, "nextCursor", nextCursor);
            g.writeEndObject();
        });
    }

    /** The highlighted fields of a hit, in this order, each present only where it matched. */
    static final List<String> HIGHLIGHTED = List.of("title", "summary", "body");

    /** A search page: each hit a summary plus its {@code highlights}, and the cursor of the next page, null on the last. */
    public static String searchPage(List<SearchHit> hits, String nextCursor) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("items");
            for (SearchHit hit : hits) {
                g.writeStartObject();
                fields(g, hit.summaryOnly(), false);
                g.writeObjectFieldStart("highlights");
                for (String field : HIGHLIGHTED) {
                    List<String> fragments = hit.highlights().get(field);
                    if (fragments != null && !fragments.isEmpty()) {
                        g.writeArrayFieldStart(field);
                        for (String fragment : fragments) {
                            g.writeString(fragment);
                        }
                        g.writeEndArray();
                    }
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            Json.stringOrNull(g, "nextCursor", nextCursor);
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, Article a, boolean withBody) throws IOException {
        g.writeStartObject();
        fields(g, a, withBody);
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, Article a, boolean withBody) throws IOException {
        g.writeStringField("id", a.id());
        g.writeStringField("slug", a.slug());
        g.writeStringField("status", a.status().json());
        g.writeStringField("title", a.title());
        Json.stringOrNull(g, "summary", a.summary());
        if (withBody) {
            g.writeStringField("body", a.body());
        }
        Json.stringOrNull(g, "author", a.author());
        Json.stringOrNull(g, "source", a.source());
        Json.stringOrNull(g, "sourceUrl", a.sourceUrl());
        g.writeArrayFieldStart("tags");
        for (String tag : a.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        Json.stringOrNull(g, "publishedAt", a.publishedAt() == null ? null : Timestamps.format(a.publishedAt()));
        g.writeStringField("createdAt", Timestamps.formatMillis(a.createdAt()));
        g.writeStringField("updatedAt", Timestamps.formatMillis(a.updatedAt()));
    }
}
