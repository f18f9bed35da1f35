package dev.articles.core;

/** One rule an input broke; {@code field} names a body field, a query parameter or a header. */
public record FieldError(String field, String message) {}
