package dev.articles.core.routes;

import dev.articles.core.article.ArticleValidator;
import dev.articles.core.article.Tags;
import dev.articles.core.article.Timestamps;
import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PageFilter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The list routes' query parameters, each checked, all problems reported at once. {@code cursor} is as sent:
 * the route decodes it against the whole filter it binds.
 */
record ListParameters(ListFilter filter, String cursor, int limit) {

    static final Set<String> NAMES = Set.of("limit", "cursor", "tag", "author", "since", "until");
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final Pattern DIGITS = Pattern.compile("\\d{1,3}");

    /** @param errors where each invalid parameter is reported; the result is only for use when it stays empty */
    static ListParameters parse(Map<String, String> query, List<FieldError> errors) {
        return parse(query, MAX_LIMIT, errors);
    }

    /** As {@link #parse(Map, List)}, for a route whose pages hold at most {@code maxLimit} (search's 50). */
    static ListParameters parse(Map<String, String> query, int maxLimit, List<FieldError> errors) {
        int limit = limit(query.get("limit"), DEFAULT_LIMIT, maxLimit, errors);
        String tag = query.get("tag") == null ? null : tag(query.get("tag"), errors);
        String author = query.get("author") == null ? null : author(query.get("author"), errors);
        Instant since = Timestamps.parse("since", query.get("since"), errors);
        Instant until = Timestamps.parse("until", query.get("until"), errors);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new FieldError("until", "must be later than since"));
        }
        return new ListParameters(new ListFilter(tag, author, since, until), query.get("cursor"), limit);
    }

    /** @return where the page starts after: the cursor's position, or null for the first page */
    String afterListSk(Cursors cursors, PageFilter boundTo) {
        return cursor == null ? null : cursors.decode(cursor, boundTo);
    }

    /** The {@code limit} parameter of every paged route: {@code byDefault} when absent, else 1 to {@code max}. */
    static int limit(String value, int byDefault, int max, List<FieldError> errors) {
        if (value == null) {
            return byDefault;
        }
        int limit = DIGITS.matcher(value).matches() ? Integer.parseInt(value) : 0;
        if (limit < 1 || limit > max) {
            errors.add(new FieldError("limit", "must be a whole number from 1 to " + max));
        }
        return limit;
    }

    private static String tag(String value, List<FieldError> errors) {
        String problem = Tags.problem(value);
        if (problem != null) {
            errors.add(new FieldError("tag", problem));
            return null;
        }
        return Tags.normalize(value).orElseThrow();
    }

    /** Authors are stored trimmed, so the match is on the trimmed value. */
    private static String author(String value, List<FieldError> errors) {
        Optional<String> author = ArticleValidator.author(value);
        if (author.isEmpty()) {
            errors.add(new FieldError("author", "must be 1 to " + ArticleValidator.NAME_MAX + " characters"));
        }
        return author.orElse(null);
    }

    static InvalidInputException invalid(List<FieldError> errors) {
        return InvalidInputException.of(InvalidInputException.Kind.PARAMETERS, "query parameter", errors);
    }
}
