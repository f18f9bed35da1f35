package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.Timestamps;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The table's key values. Every list is ordered by {@code listSk}: the publication time in fixed-width UTC (a
 * draft without one: its updatedAt), then the id, so text order is "publishedAt, then id" and every value is unique.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ALL_PK = "allPk";
    public static final String AUTHOR_PK = "authorPk";
    public static final String TAG_AUTHOR_PK = "tagAuthorPk";
    public static final String LIST_SK = "listSk";
    public static final String PREVIEW_PK = "previewPk";
    public static final String CREATOR_PK = "creatorPk";
    public static final String FEED_PK = "feedPk";
    public static final String CHANGE_SK = "changeSk";
    public static final String FEED = "FEED";

    public static final String ARTICLE_SK = "ARTICLE";
    public static final String ALL_ARTICLES = "ARTICLES";
    public static final String SLUG_SK = "SLUG";
    /** The prefix of a go-live entry's sort key (see {@link #goLivePosition}). */
    static final String GO_LIVE_SK = "GOLIVE#";
    /** What ends a go-live entry's feed position. */
    public static final String GO_LIVE_MARK = "!";

    private Keys() {}

    public static String article(String id) {
        return "ARTICLE#" + id;
    }

    public static String creator(String sub) {
        return "CREATOR#" + sub;
    }

    public static String slug(String slug) {
        return "SLUG#" + slug;
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

    public static String listSk(Instant sortedAt, String id) {
        return Timestamps.sortable(sortedAt) + "#" + id;
    }

    /** Where an article sorts in every list: publishedAt, or for a draft without one its updatedAt. */
    public static String listSk(Article article) {
        return listSk(article.sortedAt(), article.id());
    }

    /**
     * The bare timestamp just after {@code now}: {@code listSk < liveBound(now)} holds exactly for articles
     * published at or before {@code now} (one published at {@code now} has {@code <now>#id}, which sorts before it).
     */
    public static String liveBound(Instant now) {
        return Timestamps.sortable(now.plusNanos(1));
    }

    /**
     * The feed position of an article's go-live entry: its publishedAt and id, then a mark, so that it never shares a
     * position with the article's own entry (which may stand at the same time) and sorts just after it. A query of
     * an index resumes after a position only when the position is one item's.
     */
    static String goLivePosition(Instant publishedAt, String id) {
        return listSk(publishedAt, id) + GO_LIVE_MARK;
    }

    /** The sort key of a go-live entry in its article's partition: one per go-live time. */
    static String goLiveSk(Instant publishedAt) {
        return GO_LIVE_SK + Timestamps.sortable(publishedAt);
    }

    /** The table key of the feed item at {@code position}: a go-live entry's, or its article item's. */
    static Map<String, AttributeValue> feedItemKey(String position) {
        boolean goLive = position.endsWith(GO_LIVE_MARK);
        String listSk = goLive ? position.substring(0, position.length() - GO_LIVE_MARK.length()) : position;
        return Map.of(PK, AttributeValue.fromS(article(idOf(listSk))),
                SK, AttributeValue.fromS(goLive ? goLiveSk(Timestamps.parseSortable(listSk)) : ARTICLE_SK));
    }

    /** The id at the end of a listSk. */
    public static String idOf(String listSk) {
        return listSk.substring(listSk.lastIndexOf('#') + 1);
    }
}
