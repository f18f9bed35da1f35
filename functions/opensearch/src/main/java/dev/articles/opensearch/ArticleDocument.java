package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
import java.io.IOException;

/**
 * An article as the search index stores it (articles-index.json maps each field): the fields of the API's article,
 * with the same names and formats, so a hit's {@code _source} reads back as the article. Optional fields absent are
 * null; only live articles are indexed.
 */
public final class ArticleDocument {

    private ArticleDocument() {}

    public static void write(JsonGenerator g, Article a) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeStringField("slug", a.slug());
        g.writeStringField("status", a.status().json());
        g.writeStringField("title", a.title());
        g.writeStringField("summary", a.summary());
        g.writeStringField("body", a.body());
        g.writeStringField("author", a.author());
        g.writeStringField("source", a.source());
        g.writeStringField("sourceUrl", a.sourceUrl());
        g.writeArrayFieldStart("tags");
        for (String tag : a.tags()) {
            g.writeString(tag);
        }
        g.writeEndArray();
        g.writeStringField("publishedAt", Timestamps.format(a.publishedAt()));
        g.writeStringField("createdAt", Timestamps.formatMillis(a.createdAt()));
        g.writeStringField("updatedAt", Timestamps.formatMillis(a.updatedAt()));
        g.writeEndObject();
    }
}
