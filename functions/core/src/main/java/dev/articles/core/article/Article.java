package dev.articles.core.article;

import java.time.Instant;
import java.util.List;

/**
 * A stored article. In list pages {@code body} is null: index items carry the summary fields only.
 * Optional fields are null when the client did not give them; tags are never null. {@code updatedAt} is
 * {@code createdAt} until the first edit that changes something. {@code publishedAt} is null only for a draft that
 * has none yet.
 */
public record Article(
        String id,
        String slug,
        Status status,
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

    /** What every public route shows: published, and its publishedAt not after {@code now}. */
    public boolean isLive(Instant now) {
        return publication(now) == Publication.LIVE;
    }

    public Publication publication(Instant now) {
        if (status == Status.DRAFT) {
            return Publication.DRAFT;
        }
        return publishedAt.isAfter(now) ? Publication.SCHEDULED : Publication.LIVE;
    }

    /** Where lists place it: its publishedAt, or for a draft without one its updatedAt. */
    public Instant sortedAt() {
        return publishedAt != null ? publishedAt : updatedAt;
    }

    public Article withSlug(String newSlug) {
        return new Article(id, newSlug, status, title, summary, body, author, source, sourceUrl, tags, publishedAt,
                createdAt, updatedAt);
    }

    public Article withUpdatedAt(Instant newUpdatedAt) {
        return new Article(id, slug, status, title, summary, body, author, source, sourceUrl, tags, publishedAt,
                createdAt, newUpdatedAt);
    }
}
