package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.Timestamps;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps articles to the table's items and back: the article item, and the tag entries that index it. */
public final class ArticleItems {

    /** Set on a tag entry until its article item exists; readers check the article before showing it. */
    public static final String PENDING = "pending";
    static final String SLUG = "slug";
    static final String STATUS = "status";
    /** An article id (a ULID) in lower case: the form of every {@link #legacySlug}. */
    private static final Pattern LEGACY_SLUG = Pattern.compile("[0-7][0-9a-hjkmnp-tv-z]{25}");

    private ArticleItems() {}

    /**
     * The article item: the commit point of a create, and what the indexes project. Every article is in ByPreview
     * (and, with a creator, ByCreator); only a published one is in the public ByPublished and ByAuthor, so a draft
     * costs a public page nothing.
     *
     * @param createdBy the {@code sub} of the token that created it, or null
     */
    public static Map<String, AttributeValue> article(Article article, String createdBy) {
        Map<String, AttributeValue> item = summary(article);
        item.put(Keys.PK, s(Keys.article(article.id())));
        item.put(Keys.SK, s(Keys.ARTICLE_SK));
        item.put("body", s(article.body()));
        item.put(Keys.PREVIEW_PK, s(Keys.ALL_ARTICLES));
        if (createdBy != null) {
            item.put(Keys.CREATOR_PK, s(Keys.creator(createdBy)));
        }
        if (article.status() == Status.PUBLISHED) {
            item.put(Keys.ALL_PK, s(Keys.ALL_ARTICLES));
            if (article.author() != null) {
                item.put(Keys.AUTHOR_PK, s(Keys.author(article.author())));
            }
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
        String slug = slug(item);
        Status status = item.containsKey(STATUS) ? Status.of(text(item, STATUS)).orElseThrow() : Status.PUBLISHED;
        return new Article(
                id, slug, status, text(item, "title"), text(item, "summary"), text(item, "body"),
                text(item, "author"), text(item, "source"), text(item, "sourceUrl"), tags,
                item.containsKey("publishedAt") ? Instant.parse(text(item, "publishedAt")) : null,
                Instant.parse(text(item, "createdAt")),
                // Items written before edits existed have no updatedAt: never updated.
                Instant.parse(text(item, item.containsKey("updatedAt") ? "updatedAt" : "createdAt")));
    }

    /** The slug an article item goes by. */
    static String slug(Map<String, AttributeValue> item) {
        return hasStoredSlug(item) ? text(item, SLUG) : legacySlug(text(item, "id"));
    }

    /** False for an item written before slugs existed, which goes by {@link #legacySlug} until its next edit claims it. */
    static boolean hasStoredSlug(Map<String, AttributeValue> item) {
        return item.containsKey(SLUG);
    }

    /**
     * The slug of an article stored before slugs existed: its id in lower case, which is unique and of a slug's
     * form, and which only that article can hold (see {@link SlugItems}).
     */
    static String legacySlug(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    /** The id of the article a legacy slug would be, when the slug has that form. */
    static Optional<String> legacyId(String slug) {
        return LEGACY_SLUG.matcher(slug).matches() ? Optional.of(slug.toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    public static boolean isPending(Map<String, AttributeValue> item) {
        AttributeValue pending = item.get(PENDING);
        return pending != null && Boolean.TRUE.equals(pending.bool());
    }

    private static Map<String, AttributeValue> summary(Article article) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", s(article.id()));
        item.put(SLUG, s(article.slug()));
        item.put(STATUS, s(article.status().json()));
        item.put("title", s(article.title()));
        putIfPresent(item, "summary", article.summary());
        putIfPresent(item, "author", article.author());
        putIfPresent(item, "source", article.source());
        putIfPresent(item, "sourceUrl", article.sourceUrl());
        item.put("tags", AttributeValue.fromL(article.tags().stream().map(Attributes::s).toList()));
        if (article.publishedAt() != null) {
            item.put("publishedAt", s(Timestamps.format(article.publishedAt())));
        }
        item.put("createdAt", s(Timestamps.formatMillis(article.createdAt())));
        item.put("updatedAt", s(Timestamps.formatMillis(article.updatedAt())));
        item.put(Keys.LIST_SK, s(Keys.listSk(article)));
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
