package dev.articles.core.article;

import java.time.Instant;
import java.util.List;

/**
 * The client's fields of a new article, validated and normalised. {@code slug} null means "derive it from the
 * title"; {@code publishedAt} null means "when it is created" for a published article, "not set" for a draft.
 */
public record ArticleDraft(
        String slug,
        Status status,
        String title,
        String summary,
        String body,
        String author,
        String source,
        String sourceUrl,
        List<String> tags,
        Instant publishedAt) {

    public ArticleDraft {
        tags = List.copyOf(tags);
    }

    /**
     * The rule for authenticated writes: an article that names no author is credited to the caller's
     * {@code name} claim, when it has one that is a valid author.
     */
    public ArticleDraft withDefaultAuthor(String claimedName) {
        if (author != null || claimedName == null) {
            return this;
        }
        return ArticleValidator.author(claimedName)
                .map(name -> new ArticleDraft(slug, status, title, summary, body, name, source, sourceUrl, tags, publishedAt))
                .orElse(this);
    }

    /** Whether the client chose the slug: then it is that one or a conflict; a derived one gets -2, -3, … */
    public boolean slugGiven() {
        return slug != null;
    }

    public Article toArticle(String id, Instant createdAt) {
        Instant published = publishedAt == null && status == Status.PUBLISHED ? createdAt : publishedAt;
        return new Article(id, slugGiven() ? slug : Slugs.derive(title, id), status, title, summary, body, author,
                source, sourceUrl, tags, published, createdAt, createdAt);
    }
}
