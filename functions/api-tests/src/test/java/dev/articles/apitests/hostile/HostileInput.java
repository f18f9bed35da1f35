package dev.articles.apitests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.articles.core.article.ArticleIds;
import dev.articles.apitests.hostile.ArticleDrafts.Draft;
import dev.articles.apitests.hostile.ListModel.Filter;
import dev.articles.apitests.hostile.Responses.Exchange;
import dev.articles.http.Problem;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input, property-based: thousands of generated requests (bodies with any slug and status, headers, query
 * strings, path ids and slugs, preview routes, unrouted requests) through the routes the handlers use, as real
 * payload 2.0 events, against the test database. Whatever comes in, every answer is below 500 and is either a
 * success of the contract's shape or a well-formed problem document that gives nothing of the implementation away,
 * and a refused write changes nothing; an article a create accepts is stored as the contract says, previewed back
 * identically, and shown by the public routes exactly when it is live. The run's seed is printed with any failure.
 * Two suites share it, each on its own table: {@link HostileWritesIT} (creates, edits, headers, renames) and
 * {@link HostileReadsIT} (reads of a seeded table), so that failsafe's two forks run them at once, each with its own
 * database (functions/api-tests/pom.xml).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostileInput {

    static final int MAX_BODY = 400_000;
    static final String INVALID_JSON = type(Problem.Type.INVALID_JSON);
    static final String VALIDATION_FAILED = type(Problem.Type.VALIDATION_FAILED);
    static final String INVALID_PARAMETER = type(Problem.Type.INVALID_PARAMETER);
    static final String NOT_FOUND = type(Problem.Type.NOT_FOUND);
    static final String SLUG_TAKEN = type(Problem.Type.SLUG_TAKEN);
    static final String PREVIEW_CACHE_CONTROL = "private, no-store";
    /** A number longer than JSON parsing allows (jackson's 1,000 digits) makes otherwise valid JSON unreadable. */
    static final Pattern OVERLONG_NUMBER = Pattern.compile("\\d{1001}");

    TestApi creates;
    TestApi lists;
    ListModel model;
    /** Idempotency keys sent so far: the body each was first sent with, and the article it created. */
    final Map<String, Keyed> keys = new HashMap<>();
    String etagArticle;
    /** The slug of {@link #etagArticle}: a create or edit that names it is 409. */
    String takenSlug;
    int total;

    record Keyed(byte[] body, String article) {}

    @AfterAll
    void report() {
        System.out.println("hostile input (" + getClass().getSimpleName() + "): " + total + " cases, seed " + Cases.SEED);
    }

    // ---- headers ----

    /** The contract's rule: 1 to 255 printable ASCII characters; then first use 201, same body a replay, another 422. */
    void idempotent(Random r, String key, byte[] body) {
        Exchange e = send(creates, ApiEvent.create("").body(body).header("idempotency-key", key), Responses.text(body) + " " + key);
        boolean valid = !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
        if (!valid) {
            assertType(e, 400, INVALID_PARAMETER);
            assertThat(e.errorFields()).as("%s", e).containsExactly("Idempotency-Key");
            return;
        }
        Keyed first = keys.get(key);
        if (first == null) {
            assertCreated(e);
            keys.put(key, new Keyed(body, e.response().body()));
        } else if (java.util.Arrays.equals(first.body(), body)) {
            assertThat(e.status()).as("%s", e).isEqualTo(201);
            assertThat(e.response().body()).as("a replay answers the same article: %s", e).isEqualTo(first.article());
            assertThat(e.response().header("Idempotent-Replayed")).isEqualTo("true");
        } else {
            assertType(e, 422, type(Problem.Type.IDEMPOTENCY_KEY_REUSED));
        }
    }

    static String randomKey(Random r) {
        int length = switch (r.nextInt(8)) {
            case 0 -> 255;
            case 1 -> 256;
            case 2 -> 0;
            case 3 -> 1_000 + r.nextInt(100_000);
            default -> RandomText.length(r, 1, 300);
        };
        int kind = r.nextInt(10);
        StringBuilder key = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            key.appendCodePoint(kind < 7 ? 0x20 + r.nextInt(0x5F) : kind < 9 ? r.nextInt(0x100) : RandomText.codePoint(r));
        }
        return key.toString();
    }

    static String ifNoneMatch(Random r, String etag) {
        return switch (r.nextInt(9)) {
            case 0 -> etag;
            case 1 -> "W/" + etag;
            case 2 -> "*";
            case 3 -> "\"other\", " + etag + " ,W/\"x\"";
            case 4 -> etag.substring(1, etag.length() - 1);
            case 5 -> etag.substring(0, 5) + (etag.charAt(5) == 'A' ? 'B' : 'A') + etag.substring(6);
            case 6 -> ",".repeat(r.nextInt(5)) + " " + RandomText.any(r, 30);
            case 7 -> "\"x\", ".repeat(1 + r.nextInt(20_000)) + (r.nextBoolean() ? etag : "\"y\"");
            default -> RandomText.any(r, 100);
        };
    }

    /** RFC 9110's If-None-Match: weak comparison against any listed tag, or "*". */
    static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.strip();
            t = t.startsWith("W/") ? t.substring(2) : t;
            if (t.equals(etag) || t.equals("*")) {
                return true;
            }
        }
        return false;
    }

    // ---- path ids ----

    static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** A real id, one near it, or anything at all that might stand in a path segment. */
    String hostileId(Random r) {
        String real = RandomText.pick(r, model.allIds());
        return switch (r.nextInt(10)) {
            case 0, 1 -> real;
            case 2 -> real.toLowerCase(Locale.ROOT);
            case 3 -> { // one character changed, to one of the alphabet or not
                int at = r.nextInt(real.length());
                yield real.substring(0, at) + "0123456789ABCDEFGHJKMNPQRSTVWXYZILOU-_ %/".charAt(r.nextInt(41)) + real.substring(at + 1);
            }
            case 4 -> r.nextBoolean() ? real.substring(0, r.nextInt(real.length())) : real + RandomText.any(r, 5);
            case 5 -> new ArticleIds().next(Instant.ofEpochMilli(r.nextLong(0, 1L << 48)));
            case 6 -> RandomText.pick(r, List.of("", " ", "..", "../articles", "%2e%2e", real + "/..", "null", "undefined",
                    "0", "-1", "ZZZZZZZZZZZZZZZZZZZZZZZZZZ", "80000000000000000000000000", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
                    "%00", "*", "ARTICLE#" + real, real + "#", "\u0000" + real));
            case 7 -> "01" + RandomText.any(r, 1_000 + r.nextInt(20_000));
            default -> RandomText.any(r, 60);
        };
    }

    // ---- query strings ----

    /** A list with valid parameters answers exactly the model's page, and its cursor the next one. */
    void validList(Random r) {
        Filter f = ListModel.filter(r);
        Map<String, String> p = ListModel.parameters(r, f);
        int limit = limit(r, p);
        Exchange e = list(ListModel.query(r, p));
        List<ObjectNode> all = model.matching(f);
        assertPage(e, all.subList(0, Math.min(limit, all.size())), all.size() > limit);
        String cursor = e.json().get("nextCursor").asText(null);
        if (cursor != null && r.nextBoolean()) {
            Map<String, String> next = ListModel.parameters(r, f); // spelled differently, the same filters
            int nextLimit = limit(r, next);
            next.put("cursor", cursor);
            Exchange page2 = list(ListModel.query(r, next));
            assertPage(page2, all.subList(limit, Math.min(limit + nextLimit, all.size())), all.size() > limit + nextLimit);
        }
    }

    void oneInvalidParameter(Random r) {
        Filter f = ListModel.filter(r);
        Map<String, String> p = ListModel.parameters(r, f);
        String name = RandomText.pick(r, List.of("limit", "tag", "author", "since", "until"));
        String value = switch (name) {
            case "limit" -> RandomText.pick(r, List.of("0", "101", "-1", "abc", "1.5", "%205", "", "1e2", "%2B5", "1000",
                    "99999999999999999999", "%EF%BC%91", "5%00", "0x10"));
            case "tag" -> RandomText.pick(r, List.of("", "+++", "%20", ListModel.encode(r, "t".repeat(51)), "a%01b", "%ED%A0%80",
                    "%C0%80", "%FF", "a%0Ab", "%7F"));
            case "author" -> RandomText.pick(r, List.of("", "+", ListModel.encode(r, "a".repeat(201)), "%ED%A0%80", "%C3", "%E2%82"));
            default -> RandomText.pick(r, List.of("yesterday", "2019-04-30", "2019-04-30T14:05:00+01:00", "2019-02-30T00:00:00Z",
                    "%ED%A0%80", "", "0000-01-01T00:00:00Z", ListModel.encode(r, RandomText.any(r, 30) + "x")));
        };
        if (name.equals("until") && r.nextBoolean()) { // a window that ends before it starts
            Instant since = ListModel.TIMES.get(r.nextInt(ListModel.TIMES.size()));
            p.put("since", ListModel.encode(r, ListModel.rfc3339(r, since)));
            value = ListModel.encode(r, ListModel.rfc3339(r, since.minusNanos(r.nextInt(2))));
        }
        p.put(name, value);
        assertInvalidParameters(list(ListModel.query(r, p)), name);
    }

    void unknownOrRepeated(Random r) {
        Map<String, String> p = ListModel.parameters(r, ListModel.filter(r));
        String query = ListModel.query(r, p);
        String name;
        String pair;
        if (r.nextBoolean()) {
            name = RandomText.pick(r, List.of("LIMIT", "Tag", "page", "offset", "cursor ", "q", "", "limit[]", "__proto__", "tag\u0000"));
            pair = ListModel.encode(r, name) + "=" + ListModel.encode(r, RandomText.any(r, 10));
        } else {
            name = RandomText.pick(r, List.of("limit", "tag", "author", "since", "until", "cursor"));
            pair = name + "=1&" + name + "=" + (r.nextBoolean() ? "1" : "2");
        }
        if (name.isEmpty() && r.nextBoolean()) {
            pair = "=x";
        }
        query = query.isEmpty() ? pair : r.nextBoolean() ? pair + "&" + query : query + "&" + pair;
        Exchange e = list(query);
        assertType(e, 400, INVALID_PARAMETER);
        assertThat(e.errorFields()).as("%s", e).contains(name);
    }

    /** An altered cursor is refused, or, where the change did not change its bytes, gives the same page. */
    void alteredCursor(Random r) {
        Filter f = ListModel.filter(r);
        List<ObjectNode> all = model.matching(f);
        if (all.size() < 2) {
            return;
        }
        int limit = 1 + r.nextInt(all.size() - 1);
        Map<String, String> p = ListModel.parameters(r, f);
        p.put("limit", Integer.toString(limit));
        String cursor = list(ListModel.query(r, p)).json().get("nextCursor").asText();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int at = r.nextInt(cursor.length());
        String altered = switch (r.nextInt(7)) {
            case 0 -> cursor.substring(0, at) + alphabet.charAt(r.nextInt(64)) + cursor.substring(at + 1);
            case 1 -> cursor.substring(0, at) + cursor.substring(at + 1);
            case 2 -> cursor.substring(0, at) + alphabet.charAt(r.nextInt(64)) + cursor.substring(at);
            case 3 -> cursor.substring(0, at);
            case 4 -> cursor + RandomText.pick(r, List.of("=", "==", "A", "AAAA", "%3D"));
            case 5 -> cursor.replace('-', '+').replace('_', '/');
            default -> cursor.substring(0, at) + Character.toString(cursor.charAt(at)).toUpperCase(Locale.ROOT) + cursor.substring(at + 1);
        };
        p.put("cursor", altered);
        Exchange e = list(ListModel.query(r, p));
        if (e.status() == 200) {
            assertPage(e, all.subList(limit, Math.min(2 * limit, all.size())), all.size() > 2 * limit);
        } else {
            assertInvalidParameters(e, "cursor");
        }
    }

    void garbageQuery(Random r) {
        List<String> pairs = new ArrayList<>();
        for (int i = r.nextInt(7); i > 0; i--) {
            String name = r.nextBoolean() ? RandomText.pick(r, List.of("limit", "cursor", "tag", "author", "since", "until")) : RandomText.any(r, 8);
            String value = RandomText.any(r, 40);
            pairs.add(switch (r.nextInt(3)) {
                case 0 -> ListModel.encode(r, name) + "=" + ListModel.encode(r, value);
                case 1 -> name + "=" + value;
                default -> name + (r.nextBoolean() ? "" : "=") + RandomText.pick(r, List.of("%", "%4", "%zz", "%C3", "%%", "=", "&", "%E2%82%AC", "+"));
            });
        }
        Exchange e = list(String.join(r.nextInt(5) == 0 ? "&&" : "&", pairs));
        assertThat(e.status()).as("%s", e).isIn(200, 400);
        if (e.status() == 200) {
            assertPageShape(e);
        } else {
            assertThat(e.type()).as("%s", e).isEqualTo(INVALID_PARAMETER);
        }
    }

    String firstCursor(Random r, Filter f) {
        if (model.matching(f).size() < 2) {
            return null;
        }
        Map<String, String> p = ListModel.parameters(r, f);
        p.put("limit", "1");
        return list(ListModel.query(r, p)).json().get("nextCursor").asText();
    }

    /** Sets a random limit, or none (the default, 20), and returns the limit in force. */
    static int limit(Random r, Map<String, String> parameters) {
        if (r.nextInt(4) == 0) {
            return 20;
        }
        int limit = r.nextInt(10) == 0 ? 1 + r.nextInt(100) : 1 + r.nextInt(8);
        parameters.put("limit", r.nextInt(10) == 0 ? String.format("%03d", limit) : Integer.toString(limit));
        return limit;
    }

    void assertPage(Exchange e, List<ObjectNode> expected, boolean more) {
        assertThat(e.status()).as("%s", e).isEqualTo(200);
        assertPageShape(e);
        List<JsonNode> items = new ArrayList<>();
        e.json().get("items").forEach(items::add);
        assertThat(items).as("%s", e).containsExactlyElementsOf(expected);
        assertThat(e.json().get("nextCursor").isNull()).as("nextCursor null exactly on the last page: %s", e).isEqualTo(!more);
    }

    static void assertPageShape(Exchange e) {
        JsonNode page = e.json();
        List<String> members = new ArrayList<>();
        page.properties().forEach(m -> members.add(m.getKey()));
        assertThat(members).as("%s", e).containsExactly("items", "nextCursor");
        assertThat(page.get("nextCursor").isNull() || page.get("nextCursor").isTextual()).as("%s", e).isTrue();
        page.get("items").forEach(item -> {
            List<String> fields = new ArrayList<>();
            item.properties().forEach(m -> fields.add(m.getKey()));
            assertThat(fields).as("%s", e).containsExactly(ListModel.SUMMARY_MEMBERS);
        });
    }

    static void assertInvalidParameters(Exchange e, String... names) {
        assertType(e, 400, INVALID_PARAMETER);
        assertThat(e.errorFields()).as("%s", e).containsExactlyInAnyOrder(names);
    }

    // ---- unrouted ----

    // ---- helpers ----

    Exchange create(byte[] body) {
        return send(creates, ApiEvent.create("").body(body), Responses.text(body));
    }

    Exchange list(String query) {
        return send(lists, ApiEvent.list(query), query);
    }

    Exchange previewList(String query) {
        return send(lists, ApiEvent.previewList(query), "preview " + query);
    }

    static Exchange send(TestApi api, ApiEvent event, String input) {
        Exchange e = new Exchange(input, api.call(event));
        Responses.assertWellFormed(e);
        return e;
    }

    void assertCreated(Exchange e) {
        assertThat(e.status()).as("%s", e).isEqualTo(201);
        assertFetchedAsCreated(e);
    }

    /**
     * A created article is at its Location, a preview answers exactly what the create did, and the public fetch and
     * by-slug routes answer it too when it is live, and 404 when it is a draft or scheduled.
     */
    void assertFetchedAsCreated(Exchange e) {
        String id = e.json().get("id").asText();
        assertThat(e.response().header("Location")).as("%s", e).isEqualTo("/articles/" + id);
        ApiResponse previewed = creates.call(ApiEvent.preview(id));
        assertThat(previewed.status()).as("%s", e).isEqualTo(200);
        assertThat(previewed.body()).as("previewed as created: %s", e).isEqualTo(e.response().body());
        assertThat(previewed.header("Cache-Control")).as("%s", e).isEqualTo(PREVIEW_CACHE_CONTROL);
        JsonNode publishedAt = e.json().get("publishedAt");
        Instant now = Instant.now();
        boolean draft = e.json().get("status").asText().equals("draft");
        if (!draft && Instant.parse(publishedAt.asText()).isAfter(now.minusSeconds(5))
                && Instant.parse(publishedAt.asText()).isBefore(now.plusSeconds(5))) {
            return; // going live about now: either answer is right
        }
        boolean live = !draft && !Instant.parse(publishedAt.asText()).isAfter(now);
        ApiResponse fetched = creates.get(id);
        ApiResponse bySlug = creates.call(ApiEvent.bySlug(e.json().get("slug").asText()));
        if (live) {
            assertThat(fetched.body()).as("fetched as created: %s", e).isEqualTo(e.response().body());
            assertThat(bySlug.body()).as("fetched by slug as created: %s", e).isEqualTo(e.response().body());
        } else {
            assertThat(fetched.status()).as("a draft or scheduled article is not public: %s", e).isEqualTo(404);
            assertThat(bySlug.status()).as("a draft or scheduled article is not public: %s", e).isEqualTo(404);
        }
    }

    /** 409 naming slug: the slug is another article's, which keeps it. */
    void assertSlugTaken(Exchange e) {
        assertType(e, 409, SLUG_TAKEN);
        assertThat(e.errorFields()).as("%s", e).containsExactly("slug");
        ApiResponse holder = creates.call(ApiEvent.bySlug(takenSlug));
        assertThat(holder.json().get("id").asText()).as("the slug's holder keeps it: %s", e).isEqualTo(etagArticle);
    }

    static void assertType(Exchange e, int status, String type) {
        assertThat(e.status()).as("%s", e).isEqualTo(status);
        assertThat(e.type()).as("%s", e).isEqualTo(type);
    }

    static String type(Problem.Type type) {
        return new Problem(type, "").typeUri();
    }

    /** A valid draft of a few kilobytes at most. */
    static Draft smallDraft(Random r) {
        Draft d = ArticleDrafts.valid(r);
        while (!d.invalid.isEmpty()) {
            d = ArticleDrafts.valid(r);
        }
        if (d.fields.get("body") instanceof String body && body.length() > 5_000) {
            d.fields.put("body", body.substring(0, 5_000).replaceAll("[\\uD800-\\uDBFF]$", ""));
        }
        return d;
    }

    /** A small valid create body. */
    static byte[] small(Random r) {
        return ("{\"title\":\"t" + r.nextInt() + "\",\"body\":\"b\",\"tags\":[\"h\"]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON object with spaces after its opening brace, to exactly {@code size} bytes. */
    static byte[] padded(byte[] json, int size) {
        return splice(json, 1, 0, " ".repeat(size - json.length).getBytes(StandardCharsets.US_ASCII));
    }

    /** Byte sequences that are not UTF-8: stray, overlong, surrogate, beyond U+10FFFF, cut short. */
    static final List<byte[]> NOT_UTF8 = List.of(bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xBF), bytes(0xC3),
            bytes(0xC3, 0x28), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0xC0, 0x80), bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0xAF), bytes(0xF0, 0x80, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
            bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80));

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] edit(Random r, byte[] body) {
        int at = r.nextInt(body.length + 1);
        return switch (r.nextInt(3)) {
            case 0 -> at == body.length ? body : splice(body, at, 1, bytes(r.nextInt(256)));
            case 1 -> splice(body, at, 0, bytes(r.nextInt(256)));
            default -> at == body.length ? body : splice(body, at, 1, new byte[0]);
        };
    }

    static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + insert.length);
        out.write(body, 0, at);
        out.write(insert, 0, insert.length);
        out.write(body, at + remove, body.length - at - remove);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, 0, b);
    }

    static int indexOf(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }

    static int lastIndexOf(byte[] body, byte b) {
        for (int i = body.length - 1; i >= 0; i--) {
            if (body[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
