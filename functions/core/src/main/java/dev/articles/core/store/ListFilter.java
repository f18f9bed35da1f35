package dev.articles.core.store;

import dev.articles.core.article.Timestamps;
import java.time.Instant;

/**
 * What a list asks for; any part may be null. {@code since} is inclusive, {@code until} exclusive.
 * The tag is already normalised (trimmed, lower-cased), the author trimmed.
 */
public record ListFilter(String tag, String author, Instant since, Instant until) implements PageFilter {

    public static final ListFilter ALL = new ListFilter(null, null, null, null);

    @Override
    public String canonical() {
        return part(tag) + "\n" + part(author) + "\n"
                + (since == null ? "-" : Timestamps.sortable(since)) + "\n"
                + (until == null ? "-" : Timestamps.sortable(until));
    }

    static String part(String value) {
        return value == null ? "-" : "=" + value;
    }
}
