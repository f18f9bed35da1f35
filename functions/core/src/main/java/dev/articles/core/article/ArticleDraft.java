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

    public Article toArticle(String id, Instant createdAt) {
        return new Article(id, title, summary, body, author, source, sourceUrl, tags,
                publishedAt == null ? createdAt : publishedAt, createdAt);
    }
}
