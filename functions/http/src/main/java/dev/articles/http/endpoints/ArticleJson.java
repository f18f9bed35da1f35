package dev.articles.http.endpoints;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
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

    private static void write(JsonGenerator g, Article a, boolean withBody) throws IOException {
        g.writeStartObject();
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
        g.writeEndObject();
    }
}
