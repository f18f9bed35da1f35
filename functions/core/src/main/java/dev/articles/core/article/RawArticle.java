package dev.articles.core.article;

import dev.articles.core.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An article's client fields as a request carried them, before the contract's rules: a String, a List of
 * Strings (tags), or absent from the map when absent or null; {@code nulls} names the fields sent as JSON
 * {@code null} (a merge patch's "remove"); {@code errors} holds what reading them found already (wrong JSON
 * types, unknown fields), to be reported with the rules' own.
 */
public record RawArticle(Map<String, Object> values, Set<String> nulls, List<FieldError> errors) {

    public RawArticle {
        nulls = Set.copyOf(nulls);
    }
}
