package dev.articles.core.article;

import dev.articles.core.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Tags as the contract stores them: trimmed, lower-cased with Locale.ROOT, duplicates dropped, order kept. */
public final class Tags {

    public static final int MAX_TAGS = 10;
    public static final int MAX_LENGTH = 50;

    private Tags() {}

    /** Normalises the given tags, adding an error per broken rule; the result is only meaningful without errors. */
    public static List<String> normalize(List<String> tags, List<FieldError> errors) {
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "must hold at most " + MAX_TAGS + " tags"));
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            String problem = problem(tag);
            if (problem == null) {
                normalized.add(normalize(tag).orElseThrow());
            } else {
                errors.add(new FieldError("tags[" + i + "]", problem));
            }
        }
        return new ArrayList<>(normalized);
    }

    /** One tag, as given in a body or a {@code tag} query parameter; empty when it breaks a rule. */
    public static Optional<String> normalize(String tag) {
        return problem(tag) == null ? Optional.of(tag.strip().toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** What is wrong with a tag, or null. */
    public static String problem(String tag) {
        String trimmed = tag.strip();
        if (!Text.isValidUnicode(trimmed)) {
            return "must be valid Unicode (it holds a lone surrogate)";
        }
        int length = Text.length(trimmed);
        if (length == 0) {
            return "must not be blank";
        }
        if (length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (Text.hasControlCharacter(trimmed)) {
            return "must not contain control characters";
        }
        return null;
    }
}
