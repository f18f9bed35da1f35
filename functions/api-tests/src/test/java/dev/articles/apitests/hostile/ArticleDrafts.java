package dev.articles.apitests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Slugs;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Create-request bodies: valid articles of every shape the contract allows, and the same with its rules broken
 * on purpose. The limits are restated from API.md, not taken from the code: the test holds the code to the
 * contract. A draft knows which fields a mutation surely broke (a 400 must name each) and which it touched at
 * all (a 400 may name no other), and, when the server accepts it, what it must have stored.
 */
final class ArticleDrafts {

    static final int TITLE_MAX = 300;
    static final int BODY_MAX = 100_000;
    static final int SUMMARY_MAX = 1_000;
    static final int NAME_MAX = 200;
    static final int URL_MAX = 2_048;
    static final int TAGS_MAX = 10;
    static final int TAG_MAX = 50;
    static final int SLUG_MAX = 200;

    static final List<String> TEXT_FIELDS = List.of("slug", "status", "title", "summary", "body", "author", "source",
            "sourceUrl", "publishedAt");
    static final List<String> FIELDS = List.of("slug", "status", "title", "summary", "body", "author", "source", "sourceUrl",
            "tags", "publishedAt");
    static final List<String> ARTICLE_MEMBERS = List.of("id", "slug", "status", "title", "summary", "body", "author",
            "source", "sourceUrl", "tags", "publishedAt", "createdAt", "updatedAt");
    static final Raw NULL = new Raw("null");
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");
    private static final List<String> BAD_URLS = List.of("ftp://example.org/a", "//example.org/a", "/relative/path",
            "http://", "https:", "mailto:someone@example.org", "javascript:alert(1)", "http:// example.org", "example.org",
            "file:///etc/passwd", "http://exa mple.com/", "http://[::1", "", "data:text/html,<b>x</b>", "https://",
            "http://%zz.example/", "ws://example.org/socket");
    private static final List<String> BAD_TIMESTAMPS = List.of("2019-04-30", "2019-04-30T14:05:00", "2019-02-30T00:00:00Z",
            "2019-04-30T25:00:00Z", "0000-12-31T00:00:00Z", "10000-01-01T00:00:00Z", "2019-04-30T14:05:00+24:00",
            "2019-04-30 14:05:00Z", "yesterday", "", "2019-04-30T14:05Z", "2019-4-30T14:05:00Z", "2019-04-30T14:05:00.Z",
            "+2019-04-30T14:05:00Z", "2019-04-30T14:05:00+0100", "2019-04-30T14:05:00 Z", "2019-13-01T00:00:00Z",
            "2019-04-30T14:60:00Z", "0001-01-01T00:00:00+00:01", "9999-12-31T23:59:59-00:01", "2019-04-30T14:05:00GMT",
            "１９７０-01-01T00:00:00Z", "1970-01-01T00:00:00\u0000Z", "2019-04-30T14:05:00+01:60");
    private static final List<String> UNKNOWN_NAMES = List.of("id", "createdAt", "Title", "TITLE", "title ", "extra",
            "__proto__", "constructor", "$where", "tags[0]", "", "body\u0000", "publishedat", "Slug", "STATUS", "slugs",
            "publication", "live", "scheduled");
    /** Not a slug: out of the form (upper case, other characters, a '-' at an end or doubled) or of the length. */
    private static final List<String> BAD_SLUGS = List.of("", "-", "-a", "a-", "a--b", "Abc", "ABC", "a b", " a", "a ", "a_b",
            "a/b", "a.b", "a%20b", "é", "crème", "日本", "a\u0000b", "a\nb", "\u0130", "ﬁ", "a\u00adb", "a-".repeat(100) + "a",
            "x".repeat(SLUG_MAX + 1), "..", "%2F");
    /** Not a status: the contract's two names only, exactly. */
    private static final List<String> BAD_STATUSES = List.of("", "Draft", "DRAFT", "PUBLISHED", "Published", "live",
            "scheduled", "publish", "deleted", " draft", "published ", "draft\u0000", "null", "0", "true", "drafts");
    /** Makes every valid slug of a run its own, so that no create or edit meets another's slug by chance. */
    private static final AtomicInteger SLUGS = new AtomicInteger();

    private ArticleDrafts() {}

    /** A JSON value written as is: a wrong type, null, or anything else the server must read as JSON. */
    record Raw(String json) {}

    /** The members of one create body, with what its mutations are known to have done. */
    static final class Draft {
        /** Member name to value: a String, a List of tags (Strings and Raws), or a Raw. */
        final Map<String, Object> fields = new LinkedHashMap<>();
        /** Fields a mutation surely broke. */
        final Set<String> invalid = new LinkedHashSet<>();
        /** Fields a mutation changed in any way. */
        final Set<String> touched = new LinkedHashSet<>();
        /** What publishedAt stands for; null when absent, unknown when a mutation made it anything. */
        Instant publishedAt;
        boolean publishedAtUnknown;

        Draft copy() {
            Draft d = new Draft();
            fields.forEach((k, v) -> d.fields.put(k, v instanceof List<?> l ? new ArrayList<>(l) : v));
            d.invalid.addAll(invalid);
            d.touched.addAll(touched);
            d.publishedAt = publishedAt;
            d.publishedAtUnknown = publishedAtUnknown;
            return d;
        }

        /** A field about to be changed: whatever earlier mutations did to it no longer holds. */
        private void change(String field, Object value, boolean surelyInvalid) {
            fields.put(field, value);
            invalid.remove(field);
            touched.add(field);
            if (surelyInvalid) {
                invalid.add(field);
            }
        }

        String json(Random r) {
            Map<String, String> members = new LinkedHashMap<>();
            fields.forEach((name, value) -> members.put(name, render(r, value)));
            return JsonText.object(r, members);
        }

        @Override
        public String toString() {
            return fields + " invalid=" + invalid;
        }
    }

    static Draft valid(Random r) {
        Draft d = new Draft();
        List<Runnable> members = new ArrayList<>();
        members.add(() -> d.fields.put("title", trimmedText(r, 1, TITLE_MAX)));
        optional(r, members, d, "slug", () -> slug(r));
        optional(r, members, d, "status", () -> r.nextBoolean() ? "draft" : "published");
        members.add(() -> d.fields.put("body", RandomText.of(r, r.nextInt(400) == 0 ? BODY_MAX - r.nextInt(3)
                : RandomText.length(r, 1, 3000), c -> true)));
        optional(r, members, d, "summary", () -> RandomText.of(r, RandomText.length(r, 0, SUMMARY_MAX), c -> true));
        optional(r, members, d, "author", () -> trimmedText(r, 1, NAME_MAX));
        optional(r, members, d, "source", () -> trimmedText(r, 1, NAME_MAX));
        optional(r, members, d, "sourceUrl", () -> url(r, RandomText.length(r, 0, 300)));
        optional(r, members, d, "tags", () -> tags(r, RandomText.length(r, 0, TAGS_MAX)));
        optional(r, members, d, "publishedAt", () -> {
            Stamp stamp = stamp(r);
            if (stamp.instant.isBefore(MIN) || stamp.instant.isAfter(MAX)) {
                d.invalid.add("publishedAt");
                d.touched.add("publishedAt");
            } else {
                d.publishedAt = stamp.instant;
            }
            return stamp.text;
        });
        Collections.shuffle(members, r);
        members.forEach(Runnable::run);
        return d;
    }

    /** A valid draft with one to three rules broken, or values replaced by anything at all. */
    static Draft mutated(Random r) {
        Draft d = valid(r).copy();
        int mutations = 1 + r.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            mutate(r, d);
        }
        return d;
    }

    private static void mutate(Random r, Draft d) {
        String text = RandomText.pick(r, TEXT_FIELDS);
        switch (r.nextInt(14)) {
            case 0 -> {
                String required = r.nextBoolean() ? "title" : "body";
                d.change(required, null, true);
                d.fields.remove(required);
            }
            case 1 -> d.change(r.nextBoolean() ? "title" : "body", NULL, true);
            case 2 -> {
                d.change(text, new Raw(RandomText.pick(r, List.of("1", "-0.5", "true", "false", "[]", "[\"a\"]", "{}",
                        "{\"text\":\"a\"}", JsonText.number(r)))), true);
                if (text.equals("publishedAt")) {
                    d.publishedAt = null;
                }
            }
            case 3 -> d.change("tags", new Raw(RandomText.pick(r, List.of("\"news\"", "1", "{}", "true", "{\"0\":\"a\"}"))), true);
            case 4 -> insertTag(r, d, new Raw(RandomText.pick(r, List.of("1", "null", "[]", "{}", "true", "[\"a\"]"))));
            case 5 -> d.change("tags", tags(r, TAGS_MAX + 1 + r.nextInt(15)), true);
            case 6 -> insertTag(r, d, RandomText.pick(r, List.of("", "   ", "\t\n",
                    RandomText.unstrippable(r, TAG_MAX + 1 + r.nextInt(30), c -> !RandomText.isControl(c)),
                    "a\u0000b", "x\u007fy", "\u0085tag", "tab\tinside", "a\ud800b", "\udc00")));
            case 7 -> {
                String field = RandomText.pick(r, List.of("title", "author", "source", "body"));
                d.change(field, field.equals("body") ? "" : RandomText.of(r, r.nextInt(4), c -> RandomText.WHITESPACE.indexOf(c) >= 0), true);
            }
            case 8 -> {
                switch (RandomText.pick(r, List.of("title", "summary", "author", "sourceUrl", "body"))) {
                    case "title" -> d.change("title", trimmedText(r, TITLE_MAX + 1, TITLE_MAX + 100), true);
                    case "summary" -> d.change("summary", RandomText.of(r, SUMMARY_MAX + 1 + r.nextInt(100), c -> true), true);
                    case "author" -> d.change(r.nextBoolean() ? "author" : "source", trimmedText(r, NAME_MAX + 1, NAME_MAX + 60), true);
                    case "sourceUrl" -> d.change("sourceUrl", url(r, URL_MAX + 1 + r.nextInt(50)), true);
                    default -> {
                        if (r.nextInt(20) == 0) {
                            d.change("body", "b".repeat(BODY_MAX + 1), true);
                        }
                    }
                }
            }
            case 9 -> {
                switch (r.nextInt(3)) {
                    case 0 -> d.change("slug", RandomText.pick(r, BAD_SLUGS), true);
                    case 1 -> d.change("status", RandomText.pick(r, BAD_STATUSES), true);
                    default -> d.change("sourceUrl", RandomText.pick(r, BAD_URLS), true);
                }
            }
            case 10 -> {
                d.change("publishedAt", RandomText.pick(r, BAD_TIMESTAMPS), true);
                d.publishedAt = null;
            }
            case 11 -> {
                String name = r.nextInt(3) == 0 ? RandomText.any(r, 20) : RandomText.pick(r, UNKNOWN_NAMES);
                if (!FIELDS.contains(name)) {
                    d.change(name, new Raw(JsonText.value(r, 3)), true);
                }
            }
            case 12 -> {
                String lone = RandomText.pick(r, List.of("\ud800", "\udc00", "\udbff", "\udfff"));
                String value = d.fields.get(text) instanceof String s ? s : "text";
                int at = r.nextInt(value.length() + 1);
                if (at > 0 && Character.isHighSurrogate(value.charAt(at - 1))) {
                    at--;
                }
                String changed = value.substring(0, at) + lone + value.substring(at);
                // An earlier mutation may have left the other half of a pair right there: then it is valid.
                d.change(text, changed, hasLoneSurrogate(changed));
                if (text.equals("publishedAt")) {
                    d.publishedAt = null;
                }
            }
            default -> {
                String field = RandomText.pick(r, FIELDS);
                d.change(field, field.equals("tags") ? anyTags(r) : RandomText.any(r, 60), false);
                if (field.equals("publishedAt")) {
                    d.publishedAtUnknown = true;
                }
            }
        }
    }

    /** A tag (or a non-string) added to the draft's tags: whatever else they were, they are now surely invalid. */
    private static void insertTag(Random r, Draft d, Object tag) {
        List<Object> tags = d.fields.get("tags") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        tags.add(r.nextInt(tags.size() + 1), tag);
        d.change("tags", tags, true);
    }

    private static List<Object> anyTags(Random r) {
        List<Object> tags = new ArrayList<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            tags.add(RandomText.any(r, 60));
        }
        return tags;
    }

    private static void optional(Random r, List<Runnable> members, Draft d, String field, java.util.function.Supplier<Object> value) {
        int kind = r.nextInt(100);
        if (kind < 40) {
            return;
        }
        members.add(kind < 48 ? () -> d.fields.put(field, NULL) : () -> d.fields.put(field, value.get()));
    }

    /** Text whose length after String.strip() is within [min, max], with white space around it now and then. */
    static String trimmedText(Random r, int min, int max) {
        return RandomText.padding(r) + RandomText.unstrippable(r, RandomText.length(r, min, max), c -> true) + RandomText.padding(r);
    }

    /** Up to {@code n} valid tags, some of them the same tag in another case or with white space around it. */
    static List<Object> tags(Random r, int n) {
        List<Object> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                String earlier = ((String) tags.get(r.nextInt(i))).strip();
                String upper = earlier.toUpperCase(Locale.ROOT);
                tags.add(upper.codePointCount(0, upper.length()) <= TAG_MAX && !RandomText.isControlIn(upper) ? upper
                        : RandomText.padding(r) + earlier + RandomText.padding(r));
            } else {
                tags.add(RandomText.padding(r) + RandomText.unstrippable(r, RandomText.length(r, 1, TAG_MAX),
                        c -> !RandomText.isControl(c)) + RandomText.padding(r));
            }
        }
        return tags;
    }

    /**
     * A slug of the contract's form, this run's own: words of a-z and 0-9 joined by '-', and a number no other slug
     * of the run has; now and then exactly {@link #SLUG_MAX} characters long.
     */
    static String slug(Random r) {
        String own = Integer.toString(SLUGS.incrementAndGet(), 36) + "-" + Integer.toString(r.nextInt(1 << 30), 36);
        StringBuilder slug = new StringBuilder();
        int length = r.nextInt(20) == 0 ? SLUG_MAX - own.length() - 1 : r.nextInt(40);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        while (slug.length() < length) {
            slug.append(slug.isEmpty() || slug.charAt(slug.length() - 1) == '-' || r.nextInt(6) != 0
                    ? alphabet.charAt(r.nextInt(alphabet.length())) : '-');
        }
        if (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
            slug.setCharAt(slug.length() - 1, 'x');
        }
        return slug.isEmpty() ? own : slug + "-" + own;
    }

    /** An absolute http(s) URL with a path of about {@code pathLength} characters. */
    static String url(Random r, int pathLength) {
        String scheme = RandomText.pick(r, List.of("http", "https", "HTTPS", "Http"));
        String host = RandomText.pick(r, List.of("example.org", "news.example.co.uk", "127.0.0.1", "[::1]",
                "xn--bcher-kva.example", "a-b.example", "localhost", "EXAMPLE.ORG"));
        String port = r.nextInt(4) == 0 ? ":" + (1 + r.nextInt(65535)) : "";
        StringBuilder path = new StringBuilder("/");
        String safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@éü日";
        while (path.length() < pathLength) {
            path.append(r.nextInt(15) == 0 ? String.format("%%%02X", r.nextInt(256)) : safe.charAt(r.nextInt(safe.length())));
        }
        String tail = switch (r.nextInt(4)) {
            case 0 -> "?q=a%20b&x=1";
            case 1 -> "#part";
            default -> "";
        };
        return scheme + "://" + host + port + path + tail;
    }

    /** An RFC 3339 date-time and the instant it names (which may lie outside years 1 to 9999 in UTC). */
    record Stamp(String text, Instant instant) {}

    static Stamp stamp(Random r) {
        int yearKind = r.nextInt(20);
        int year = yearKind == 0 ? 1 + r.nextInt(10) : yearKind == 1 ? 9990 + r.nextInt(10) : 1970 + r.nextInt(131);
        int month = 1 + r.nextInt(12);
        int day = 1 + r.nextInt(java.time.YearMonth.of(year, month).lengthOfMonth());
        int digits = r.nextInt(10);
        String fraction = digits == 0 ? "" : String.format("%09d", r.nextInt(1_000_000_000)).substring(0, digits);
        int nanos = digits == 0 ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalDateTime local = LocalDateTime.of(year, month, day, r.nextInt(24), r.nextInt(60), r.nextInt(60), nanos);
        ZoneOffset offset = r.nextInt(5) < 2 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds((r.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60);
        String zone = offset.equals(ZoneOffset.UTC) ? RandomText.pick(r, List.of("Z", "z", "+00:00", "-00:00")) : offset.getId();
        String text = DateTimeFormatter.ofPattern("uuuu-MM-dd").format(local) + (r.nextInt(10) == 0 ? "t" : "T")
                + DateTimeFormatter.ofPattern("HH:mm:ss").format(local) + (digits == 0 ? "" : "." + fraction) + zone;
        return new Stamp(text, local.toInstant(offset));
    }

    private static String render(Random r, Object value) {
        return switch (value) {
            case String s -> JsonText.string(r, s);
            case Raw raw -> raw.json();
            case List<?> list -> {
                StringBuilder a = new StringBuilder("[").append(JsonText.ws(r));
                for (int i = 0; i < list.size(); i++) {
                    a.append(i == 0 ? "" : "," + JsonText.ws(r)).append(render(r, list.get(i)));
                }
                yield a.append(JsonText.ws(r)).append(']').toString();
            }
            default -> throw new IllegalArgumentException("not a member value: " + value);
        };
    }

    /** The article a 201 must have stored for this draft: every given field as the contract normalises it. */
    static void assertStored(Draft d, JsonNode article) {
        List<String> members = new ArrayList<>();
        article.properties().forEach(member -> members.add(member.getKey()));
        assertThat(members).as("members of the article").containsExactlyElementsOf(ARTICLE_MEMBERS);
        String id = article.get("id").asText();
        assertThat(ArticleIds.isValid(id)).as("id %s is a ULID", id).isTrue();
        String createdAt = article.get("createdAt").asText();
        assertThat(createdAt).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(createdAt)).as("createdAt is the id's time").isEqualTo(ArticleIds.timestamp(id));
        assertThat(article.get("updatedAt").asText()).as("a new article's updatedAt").isEqualTo(createdAt);
        String slug = article.get("slug").asText();
        if (d.fields.get("slug") instanceof String given) {
            assertThat(slug).as("the slug given").isEqualTo(given);
        } else {
            // Derived from the title, with -2, -3, … when another article has that slug.
            String derived = Slugs.derive(strip(d.fields.get("title")), id);
            assertThat(slug).as("the slug derived").matches(java.util.regex.Pattern.quote(derived) + "(-[1-9][0-9]*)?");
        }
        String status = d.fields.get("status") instanceof String given ? given : "published";
        assertThat(article.get("status").asText()).as("status").isEqualTo(status);
        assertThat(text(article, "title")).isEqualTo(strip(d.fields.get("title")));
        assertThat(text(article, "body")).isEqualTo(d.fields.get("body"));
        assertThat(text(article, "summary")).isEqualTo(given(d.fields.get("summary")));
        assertThat(text(article, "author")).isEqualTo(strip(d.fields.get("author")));
        assertThat(text(article, "source")).isEqualTo(strip(d.fields.get("source")));
        assertThat(text(article, "sourceUrl")).isEqualTo(given(d.fields.get("sourceUrl")));
        List<String> tags = new ArrayList<>();
        article.get("tags").forEach(t -> tags.add(t.asText()));
        assertThat(tags).isEqualTo(normalizedTags(d.fields.get("tags")));
        if (!d.publishedAtUnknown) {
            // A draft keeps its publishedAt unset until it is published; a published article's is when it was created.
            Instant expected = d.publishedAt != null ? d.publishedAt : status.equals("draft") ? null : Instant.parse(createdAt);
            assertThat(article.get("publishedAt").isNull() ? null : Instant.parse(article.get("publishedAt").asText()))
                    .as("publishedAt").isEqualTo(expected);
        }
    }

    static List<String> normalizedTags(Object tags) {
        Set<String> out = new LinkedHashSet<>();
        if (tags instanceof List<?> list) {
            list.forEach(t -> out.add(((String) t).strip().toLowerCase(Locale.ROOT)));
        }
        return new ArrayList<>(out);
    }

    private static String text(JsonNode article, String field) {
        JsonNode value = article.get(field);
        return value.isNull() ? null : value.asText();
    }

    private static String given(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String strip(Object value) {
        return value instanceof String s ? s.strip() : null;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
