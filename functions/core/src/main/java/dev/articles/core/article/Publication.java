package dev.articles.core.article;

import java.util.Locale;
import java.util.Optional;

/**
 * Where an article stands at a moment, as the preview list's {@code status} filter names it: a draft, a published
 * article whose publishedAt is still ahead (scheduled), or a live one, which every public route shows.
 */
public enum Publication {
    DRAFT,
    SCHEDULED,
    LIVE;

    /** The name in the preview list's {@code status} parameter. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the value of a {@code status} parameter, or empty for any other text */
    public static Optional<Publication> of(String json) {
        for (Publication publication : values()) {
            if (publication.json().equals(json)) {
                return Optional.of(publication);
            }
        }
        return Optional.empty();
    }
}
