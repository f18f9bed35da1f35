package dev.articles.core.article;

import dev.articles.core.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Merge Patch (RFC 7396) of an article's client fields: a field with a value replaces the stored one, an
 * absent field keeps it, {@code null} removes an optional field ({@code tags: null} means no tags). The result is
 * checked field by field with the create's rules, so an edit can never store what a create could not.
 * Publishing rules on top: {@code publishedAt} may be removed from a draft only; publishing an article that has no
 * publishedAt sets it to the edit's time (the story goes to the top); unpublishing keeps it. A title change keeps
 * the slug: links stay as they are unless the patch names a new {@code slug}.
 */
public final class ArticlePatch {

    /** Fields every article has: a patch cannot remove them. */
    static final Set<String> REQUIRED = Set.of("title", "body", "slug", "status");

    private ArticlePatch() {}

    /**
     * @param now the edit's time: the publishedAt of a draft this patch publishes without one
     * @return {@code current} with the patch applied (same id, createdAt and updatedAt: the store stamps a change)
     * @throws dev.articles.core.InvalidInputException listing every field the patch breaks
     */
    public static Article apply(Article current, RawArticle patch, Instant now) {
        List<FieldError> errors = new ArrayList<>(patch.errors());
        patch.nulls().stream().filter(REQUIRED::contains).sorted()
                .forEach(name -> errors.add(new FieldError(name, "cannot be removed")));
        // An invalid status is reported by the validator; only a known published result refuses this removal.
        if (patch.nulls().contains("publishedAt") && status(current, patch) == Status.PUBLISHED) {
            errors.add(new FieldError("publishedAt", "cannot be removed from a published article"));
        }
        Map<String, Object> merged = clientFields(current);
        patch.nulls().forEach(merged::remove);
        merged.putAll(patch.values());
        ArticleDraft draft = ArticleValidator.validate(new RawArticle(merged, Set.of(), errors));
        Instant publishedAt = draft.publishedAt() == null && draft.status() == Status.PUBLISHED ? now : draft.publishedAt();
        return new Article(current.id(), draft.slug(), draft.status(), draft.title(), draft.summary(), draft.body(),
                draft.author(), draft.source(), draft.sourceUrl(), draft.tags(), publishedAt, current.createdAt(),
                current.updatedAt());
    }

    /** The status the patched article would have; null when the patch's is no status. */
    private static Status status(Article current, RawArticle patch) {
        return patch.values().get("status") instanceof String status ? Status.of(status).orElse(null) : current.status();
    }

    private static Map<String, Object> clientFields(Article a) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("slug", a.slug());
        fields.put("status", a.status().json());
        fields.put("title", a.title());
        fields.put("body", a.body());
        fields.put("tags", a.tags());
        if (a.publishedAt() != null) {
            fields.put("publishedAt", Timestamps.format(a.publishedAt()));
        }
        if (a.summary() != null) {
            fields.put("summary", a.summary());
        }
        if (a.author() != null) {
            fields.put("author", a.author());
        }
        if (a.source() != null) {
            fields.put("source", a.source());
        }
        if (a.sourceUrl() != null) {
            fields.put("sourceUrl", a.sourceUrl());
        }
        return fields;
    }
}
