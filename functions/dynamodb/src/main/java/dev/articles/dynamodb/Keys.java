package dev.articles.dynamodb;

import dev.articles.core.article.Timestamps;
import java.time.Instant;

/**
 * The table's key values. Every list is ordered by {@code listSk}: the publication time in fixed-width UTC,
 * then the id, so text order is "publishedAt, then id" and every value is unique.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ALL_PK = "allPk";
    public static final String AUTHOR_PK = "authorPk";
    public static final String TAG_AUTHOR_PK = "tagAuthorPk";
    public static final String LIST_SK = "listSk";

    public static final String ARTICLE_SK = "ARTICLE";
    public static final String ALL_ARTICLES = "ARTICLES";

    private Keys() {}

    public static String article(String id) {
        return "ARTICLE#" + id;
    }

    public static String tag(String tag) {
        return "TAG#" + tag;
    }

    public static String author(String author) {
        return "AUTHOR#" + author;
    }

    /** The tag's length first: tags and authors may both contain '#', and no two pairs may share a key. */
    public static String tagAuthor(String tag, String author) {
        return "TAGAUTHOR#" + tag.length() + "#" + tag + "#" + author;
    }

    public static String listSk(Instant publishedAt, String id) {
        return Timestamps.sortable(publishedAt) + "#" + id;
    }

    /** The id at the end of a listSk. */
    public static String idOf(String listSk) {
        return listSk.substring(listSk.lastIndexOf('#') + 1);
    }
}
