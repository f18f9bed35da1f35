package dev.articles.core.article;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The contract's rules on an article's client fields, all checked at once so every problem is reported. */
public final class ArticleValidator {

    static final int TITLE_MAX = 300;
    static final int BODY_MAX = 100_000;
    static final int SUMMARY_MAX = 1_000;
    /** The longest author or source, in characters (code points) after trimming. */
    public static final int NAME_MAX = 200;
    static final int URL_MAX = 2_048;

    private ArticleValidator() {}

    public static ArticleDraft validate(RawArticle raw) {
        List<FieldError> errors = new ArrayList<>(raw.errors());
        Fields f = new Fields(raw, errors);
        String slug = f.slug("slug");
        Status status = f.status("status");
        String title = f.trimmed("title", true, TITLE_MAX);
        String body = f.exact("body", true, 1, BODY_MAX);
        String summary = f.exact("summary", false, 0, SUMMARY_MAX);
        String author = f.trimmed("author", false, NAME_MAX);
        String source = f.trimmed("source", false, NAME_MAX);
        String sourceUrl = f.url("sourceUrl");
        Instant publishedAt = f.instant("publishedAt");
        List<String> tags = Tags.normalize(f.tags(), errors);
        if (!errors.isEmpty()) {
            throw InvalidInputException.of(InvalidInputException.Kind.ARTICLE_FIELDS, "field", errors);
        }
        return new ArticleDraft(slug, status, title, summary, body, author, source, sourceUrl, tags, publishedAt);
    }

    /**
     * An author as it is stored and matched: trimmed, 1 to {@link #NAME_MAX} characters of valid Unicode. The rule
     * of the {@code author} field, of a token's {@code name} credited as author, and of the list's author filter.
     *
     * @return the trimmed author, or empty when {@code text} is no valid author
     */
    public static Optional<String> author(String text) {
        String author = text.strip();
        boolean valid = !author.isEmpty() && Text.length(author) <= NAME_MAX && Text.isValidUnicode(author);
        return valid ? Optional.of(author) : Optional.empty();
    }

    /** Reads one field at a time from the raw values, recording each broken rule. */
    private record Fields(RawArticle raw, List<FieldError> errors) {

        String text(String name, boolean required) {
            Object value = raw.values().get(name);
            if (value == null) {
                if (required && !hasError(name)) {
                    errors.add(new FieldError(name, "is required"));
                }
                return null;
            }
            String text = (String) value;
            if (!Text.isValidUnicode(text)) {
                errors.add(new FieldError(name, "must be valid Unicode (it holds a lone surrogate)"));
                return null;
            }
            return text;
        }

        String trimmed(String name, boolean required, int max) {
            String text = text(name, required);
            if (text == null) {
                return null;
            }
            String trimmed = text.strip();
            return checkLength(name, trimmed, 1, max) ? trimmed : null;
        }

        String exact(String name, boolean required, int min, int max) {
            String text = text(name, required);
            return text != null && checkLength(name, text, min, max) ? text : null;
        }

        String url(String name) {
            String text = text(name, false);
            if (text == null) {
                return null;
            }
            if (Text.length(text) > URL_MAX) {
                errors.add(new FieldError(name, "must be at most " + URL_MAX + " characters"));
                return null;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return text;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            errors.add(new FieldError(name, "must be an absolute http or https URL"));
            return null;
        }

        /** Null when absent: the slug is then derived from the title. */
        String slug(String name) {
            String text = text(name, false);
            String problem = text == null ? null : Slugs.problem(text);
            if (problem != null) {
                errors.add(new FieldError(name, problem));
                return null;
            }
            return text;
        }

        /** Published when absent. */
        Status status(String name) {
            String text = text(name, false);
            if (text == null) {
                return Status.PUBLISHED;
            }
            Optional<Status> status = Status.of(text);
            if (status.isEmpty()) {
                errors.add(new FieldError(name, "must be draft or published"));
            }
            return status.orElse(null);
        }

        Instant instant(String name) {
            return Timestamps.parse(name, text(name, false), errors);
        }

        @SuppressWarnings("unchecked")
        List<String> tags() {
            Object value = raw.values().get("tags");
            return value == null ? List.of() : (List<String>) value;
        }

        private boolean checkLength(String name, String text, int min, int max) {
            int length = Text.length(text);
            if (length < min) {
                errors.add(new FieldError(name, "must not be blank"));
                return false;
            }
            if (length > max) {
                errors.add(new FieldError(name, "must be at most " + max + " characters"));
                return false;
            }
            return true;
        }

        private boolean hasError(String name) {
            return errors.stream().anyMatch(e -> e.field().equals(name));
        }
    }
}
