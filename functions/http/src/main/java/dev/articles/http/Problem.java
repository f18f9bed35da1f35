package dev.articles.http;

import dev.articles.core.FieldError;
import java.util.List;

/**
 * An RFC 9457 Problem Details document. {@code type} is {@code urn:articles:problem:<slug>}; the title is
 * fixed per type, the detail says what went wrong with this request.
 */
public record Problem(Type type, String detail, List<FieldError> errors) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public Problem {
        errors = List.copyOf(errors);
    }

    public Problem(Type type, String detail) {
        this(type, detail, List.of());
    }

    public int status() {
        return type.status;
    }

    public String typeUri() {
        return "urn:articles:problem:" + type.slug;
    }

    public String title() {
        return type.title;
    }

    public enum Type {
        INVALID_JSON("invalid-json", 400, "Request body is not valid JSON"),
        VALIDATION_FAILED("validation-failed", 400, "Request body is invalid"),
        INVALID_PARAMETER("invalid-parameter", 400, "Request parameter is invalid"),
        UNAUTHORIZED("unauthorized", 401, "Authentication required"),
        FORBIDDEN("forbidden", 403, "Not allowed"),
        NOT_FOUND("not-found", 404, "Not found"),
        METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
        SLUG_TAKEN("slug-taken", 409, "Slug taken"),
        IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", 409, "Request with this Idempotency-Key is in progress"),
        GONE("gone", 410, "Gone"),
        CHANGES_CURSOR_EXPIRED("changes-cursor-expired", 410, "Changes cursor expired"),
        PRECONDITION_FAILED("precondition-failed", 412, "Precondition failed"),
        PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
        IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency-Key reused with a different request"),
        PRECONDITION_REQUIRED("precondition-required", 428, "Precondition required"),
        INTERNAL_ERROR("internal-error", 500, "Internal error"),
        SEARCH_DISABLED("search-disabled", 501, "Search is off"),
        SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable");

        final String slug;
        final int status;
        final String title;

        Type(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }
    }
}
