package dev.articles.core.article;

import java.time.Instant;
import java.util.List;

/**
 * A stored article. In list pages {@code body} is null: index items carry the summary fields only.
 * Optional fields are null when the client did not give them; tags are never null. {@code updatedAt} is
 * {@code createdAt} until the first edit that changes something.
 */
public record Article(
        String id,
        String title,
        String summary,
        String body,
        String author,
        String source,
        String sourceUrl,
        List<String> tags,
        Instant publishedAt,
        Instant createdAt,
        Instant updatedAt) {

    public Article {
        tags = List.copyOf(tags);
    }
}
