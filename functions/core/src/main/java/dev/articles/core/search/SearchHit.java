package dev.articles.core.search;

import dev.articles.core.article.Article;
import java.util.List;
import java.util.Map;

/**
 * An article that matched: its summary (no body) and, per field that matched ({@code title}, {@code summary},
 * {@code body}), fragments of its text, HTML-escaped, each matched word inside {@code <mark>}…{@code </mark>}.
 */
public record SearchHit(Article summaryOnly, Map<String, List<String>> highlights) {

    public SearchHit {
        highlights = Map.copyOf(highlights);
    }
}
