package dev.articles.core;

import java.util.List;

/**
 * A request's input broke the contract's rules: every broken rule at once, each naming its field. What
 * was checked says {@link Kind}: the article's fields, or a request parameter (query parameter or header).
 */
public final class InvalidInputException extends RuntimeException {

    public enum Kind { ARTICLE_FIELDS, PARAMETERS }

    private final Kind kind;
    private final transient List<FieldError> errors;

    public InvalidInputException(Kind kind, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    /** "1 field is invalid." or "3 query parameters are invalid.", from the number of errors. */
    public static InvalidInputException of(Kind kind, String noun, List<FieldError> errors) {
        String detail = errors.size() == 1 ? "1 " + noun + " is invalid." : errors.size() + " " + noun + "s are invalid.";
        return new InvalidInputException(kind, detail, errors);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
