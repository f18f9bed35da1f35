package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps articles to the table's items and back: the article item, and the tag entries that index it. */
public final class ArticleItems {

    /** Set on a tag entry until its article item exists; readers check the article before showing it. */
    public static final String PENDING = "pending";

    private ArticleItems() {}

    /** The article item: the commit point of a create, and what the ByPublished and ByAuthor indexes project. */
    public static Map<String, AttributeValue> article(Article article) {
        Map<String, AttributeValue> item = summary(article);
        item.put(Keys.PK, s(Keys.article(article.id())));
        item.put(Keys.SK, s(Keys.ARTICLE_SK));
        item.put("body", s(article.body()));
        item.put(Keys.ALL_PK, s(Keys.ALL_ARTICLES));
        if (article.author() != null) {
            item.put(Keys.AUTHOR_PK, s(Keys.author(article.author())));
        }
        return item;
    }

    /** A tag entry: the summary under {@code TAG#<tag>}, written pending before the article item. */
    public static Map<String, AttributeValue> tagEntry(Article article, String tag) {
        Map<String, AttributeValue> item = summary(article);
        item.put(Keys.PK, s(Keys.tag(tag)));
        item.put(Keys.SK, item.get(Keys.LIST_SK));
        item.put(PENDING, AttributeValue.fromBool(true));
        if (article.author() != null) {
            item.put(Keys.TAG_AUTHOR_PK, s(Keys.tagAuthor(tag, article.author())));
        }
        return item;
    }

    public static Map<String, AttributeValue> articleKey(String id) {
        return Map.of(Keys.PK, s(Keys.article(id)), Keys.SK, s(Keys.ARTICLE_SK));
    }


    /** An article from its item, or a summary (body null) from an index item or tag entry. */
    public static Article fromItem(Map<String, AttributeValue> item) {
        List<String> tags = item.containsKey("tags")
                ? item.get("tags").l().stream().map(AttributeValue::s).toList()
                : List.of();
        String id = text(item, "id");
        // Items written before slugs and drafts existed: published, and named by their id until their next edit.
        String slug = item.containsKey("slug") ? text(item, "slug") : id.toLowerCase(java.util.Locale.ROOT);
        Status status = item.containsKey("status") ? Status.of(text(item, "status")).orElseThrow() : Status.PUBLISHED;
        return new Article(
                id, slug, status, text(item, "title"), text(item, "summary"), text(item, "body"),
                text(item, "author"), text(item, "source"), text(item, "sourceUrl"), tags,
                item.containsKey("publishedAt") ? Instant.parse(text(item, "publishedAt")) : null,
                Instant.parse(text(item, "createdAt")),
                // Items written before edits existed have no updatedAt: never updated.
                Instant.parse(text(item, item.containsKey("updatedAt") ? "updatedAt" : "createdAt")));
    }

    public static boolean isPending(Map<String, AttributeValue> item) {
        AttributeValue pending = item.get(PENDING);
        return pending != null && Boolean.TRUE.equals(pending.bool());
    }

    private static Map<String, AttributeValue> summary(Article article) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(article.id()));
        item.put("title", s(article.title()));
        putIfPresent(item, "summary", article.summary());
        putIfPresent(item, "author", article.author());
        putIfPresent(item, "source", article.source());
        putIfPresent(item, "sourceUrl", article.sourceUrl());
        item.put("tags", AttributeValue.fromL(article.tags().stream().map(Attributes::s).toList()));
        item.put("publishedAt", s(Timestamps.format(article.publishedAt())));
        item.put("createdAt", s(Timestamps.formatMillis(article.createdAt())));
        item.put("updatedAt", s(Timestamps.formatMillis(article.updatedAt())));
        item.put(Keys.LIST_SK, s(Keys.listSk(article.publishedAt(), article.id())));
        return item;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
