package dev.articles.core.article;

import java.util.Locale;
import java.util.Optional;

/** The {@code status} an article's client sets: a draft is the newsroom's only; a published article is public from its publishedAt. */
public enum Status {
    DRAFT,
    PUBLISHED;

    /** The name in JSON and in the table. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the status of a JSON name, or empty for any other text */
    public static Optional<Status> of(String json) {
        for (Status status : values()) {
            if (status.json().equals(json)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
