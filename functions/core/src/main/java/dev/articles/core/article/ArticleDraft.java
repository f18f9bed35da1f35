package dev.articles.core.article;

import java.time.Instant;
import java.util.List;

/** The client's fields of a new article, validated and normalised; {@code publishedAt} null means "now". */
public record ArticleDraft(
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
                .map(name -> new ArticleDraft(title, summary, body, name, source, sourceUrl, tags, publishedAt))
                .orElse(this);
    }

    public Article toArticle(String id, Instant createdAt) {
        return new Article(id, title, summary, body, author, source, sourceUrl, tags,
                publishedAt == null ? createdAt : publishedAt, createdAt, createdAt);
    }
}
