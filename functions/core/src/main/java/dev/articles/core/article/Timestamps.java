package dev.articles.core.article;

import dev.articles.core.FieldError;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 3339 date-times in, UTC {@code Z} date-times out, and the fixed-width form that sorts as text. */
public final class Timestamps {

    /** RFC 3339 section 5.6: full-date "T" full-time, with seconds, an optional fraction and an offset or Z. */
    private static final Pattern RFC_3339 = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Characters of a {@link #sortable} timestamp. */
    static final int SORTABLE_LENGTH = 30;
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Timestamps() {}

    /** @throws IllegalArgumentException with a message fit for the client */
    public static Instant parse(String text) {
        Matcher m = RFC_3339.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be an RFC 3339 date-time such as 2019-04-30T14:05:00Z");
        }
        try {
            String fraction = m.group(7) == null ? "" : m.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
            LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6), nanos);
            ZoneOffset offset = m.group(8) != null ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(sign(m) * num(m, 10), sign(m) * num(m, 11));
            Instant instant = local.toInstant(offset);
            if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
                throw new IllegalArgumentException("must be between years 0001 and 9999 in UTC");
            }
            return instant;
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("must be a valid date and time (" + text + " is not)");
        }
    }

    /** Parses a field or parameter, recording a broken rule as its error; null when absent or invalid. */
    public static Instant parse(String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** As publishedAt is returned: UTC, fraction only where there is one. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /** As createdAt is returned: UTC with exactly millisecond precision. */
    public static String formatMillis(Instant instant) {
        return MILLIS.format(instant);
    }

    /** Fixed width, so that text order is time order in DynamoDB sort keys. */
    public static String sortable(Instant instant) {
        return SORTABLE.format(instant);
    }

    /** The instant a sort key begins with (see {@link #sortable}). */
    public static Instant parseSortable(String key) {
        return Instant.parse(key.substring(0, SORTABLE_LENGTH));
    }

    /** The clock's instant to the millisecond, as createdAt and updatedAt are kept. */
    public static Instant nowMillis(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int sign(Matcher m) {
        return m.group(9).equals("-") ? -1 : 1;
    }
}
