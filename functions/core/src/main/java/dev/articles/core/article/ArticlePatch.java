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
 */
public final class ArticlePatch {

    /** Fields every article has: a patch cannot remove them. */
    static final Set<String> REQUIRED = Set.of("title", "body", "publishedAt");

    private ArticlePatch() {}

    /**
     * @return {@code current} with the patch applied (same id, createdAt and updatedAt: the store stamps a change)
     * @throws dev.articles.core.InvalidInputException listing every field the patch breaks
     */
    public static Article apply(Article current, RawArticle patch, Instant now) {
        List<FieldError> errors = new ArrayList<>(patch.errors());
        patch.nulls().stream().filter(REQUIRED::contains).sorted()
                .forEach(name -> errors.add(new FieldError(name, "cannot be removed")));
        Map<String, Object> merged = clientFields(current);
        patch.nulls().forEach(merged::remove);
        merged.putAll(patch.values());
        ArticleDraft draft = ArticleValidator.validate(new RawArticle(merged, Set.of(), errors));
        return new Article(current.id(), current.slug(), current.status(), draft.title(), draft.summary(), draft.body(), draft.author(), draft.source(),
                draft.sourceUrl(), draft.tags(), draft.publishedAt(), current.createdAt(), current.updatedAt());
    }

    private static Map<String, Object> clientFields(Article a) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("title", a.title());
        fields.put("body", a.body());
        fields.put("publishedAt", Timestamps.format(a.publishedAt()));
        fields.put("tags", a.tags());
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
