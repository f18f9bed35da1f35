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
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

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

    @BeforeAll
    void tables() {
        creates = TestApi.freshTable();
        lists = TestApi.freshTable();
        model = ListModel.seed(lists);
        JsonNode etag = creates.create("{\"title\":\"ETag\",\"body\":\"revalidate me\"}").json();
        etagArticle = etag.get("id").asText();
        takenSlug = etag.get("slug").asText();
    }

    @AfterAll
    void report() {
        System.out.println("hostile input: " + total + " cases, seed " + Cases.SEED);
    }

    // ---- bodies ----

    @Test
    void createWithValidAndMutatedArticles() {
        total += Cases.run("create: valid and mutated articles", 3000, r -> {
            Draft d = r.nextInt(4) == 0 ? ArticleDrafts.valid(r) : ArticleDrafts.mutated(r);
            boolean taken = r.nextInt(20) == 0;
            if (taken) {
                d.fields.put("slug", takenSlug);
                d.invalid.remove("slug");
            }
            String json = d.json(r);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            Exchange e = create(body);
            if (body.length > MAX_BODY) {
                assertThat(e.status()).as("%s", e).isEqualTo(413);
            } else if (e.status() == 201) {
                assertThat(d.invalid).as("what was surely invalid was accepted: %s", e).isEmpty();
                assertThat(taken).as("another article's slug was accepted: %s", e).isFalse();
                ArticleDrafts.assertStored(d, e.json());
                assertFetchedAsCreated(e);
            } else if (e.status() == 409) {
                // Besides the slug taken on purpose, one a mutation made (not this run's own, e.g. "r") may be the
                // slug derived from an earlier case's title.
                assertThat(taken || d.touched.contains("slug")).as("%s", e).isTrue();
                assertSlugTaken(e);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(400);
                if (e.type().equals(INVALID_JSON)) {
                    assertThat(OVERLONG_NUMBER.matcher(json).find()).as("valid JSON read as invalid: %s", e).isTrue();
                    return;
                }
                assertThat(e.type()).as("%s", e).isEqualTo(VALIDATION_FAILED);
                // tags[i] names the i-th tag, or an unknown field of that very name where one was sent.
                List<String> named = e.errorFields().stream()
                        .map(f -> f.startsWith("tags[") && !d.touched.contains(f) ? "tags" : f).toList();
                List<String> namedOrTags = e.errorFields().stream()
                        .flatMap(f -> f.startsWith("tags[") ? java.util.stream.Stream.of(f, "tags") : java.util.stream.Stream.of(f)).toList();
                assertThat(d.touched).as("a valid article was refused: %s", e).isNotEmpty();
                assertThat(d.touched).as("only changed fields are named: %s", e).containsAll(named);
                assertThat(namedOrTags).as("every broken field is named: %s", e).containsAll(d.invalid);
            }
        });
    }

    /**
     * Merge patches made of the same generated drafts: each field kept, dropped or sent as null. An answer is a 200
     * whose article keeps every field the patch left out (the slug too, whatever the title became) and is what a
     * preview then gives, or a 400 (413 above the size limit, 409 for another article's slug) after which the article
     * is unchanged; title, body, slug and status can never be removed, publishedAt only from a draft.
     */
    @Test
    void editWithHostileMergePatches() {
        String id = creates.create("{\"title\":\"Patched\",\"body\":\"again and again\",\"tags\":[\"p\"]}").json().get("id").asText();
        total += Cases.run("edit: merge patches", 1500, r -> {
            Draft d = r.nextInt(4) == 0 ? ArticleDrafts.valid(r) : ArticleDrafts.mutated(r);
            List<String> nulled = new ArrayList<>();
            for (String field : List.copyOf(d.fields.keySet())) {
                switch (r.nextInt(4)) {
                    case 0 -> d.fields.remove(field);
                    case 1 -> {
                        d.fields.put(field, ArticleDrafts.NULL);
                        nulled.add(field);
                    }
                    default -> { }
                }
            }
            if (r.nextInt(10) == 0) {
                String field = RandomText.pick(r, ArticleDrafts.FIELDS);
                d.fields.put(field, ArticleDrafts.NULL);
                nulled.add(field);
            }
            boolean taken = r.nextInt(20) == 0;
            if (taken) {
                d.fields.put("slug", takenSlug);
                nulled.removeIf("slug"::equals); // it may have been nulled twice (the loop, then the extra field)
            }
            byte[] body = d.json(r).getBytes(StandardCharsets.UTF_8);
            ApiResponse before = creates.call(ApiEvent.preview(id));
            // Whether the edit leaves a draft: publishedAt may be removed from a draft only. Null when the patch's status is no status.
            Object status = d.fields.get("status");
            Boolean draftAfter = status == null ? (Boolean) before.json().get("status").asText().equals("draft")
                    : "draft".equals(status) ? Boolean.TRUE : "published".equals(status) ? Boolean.FALSE : null;
            List<String> unremovable = new ArrayList<>(List.of("title", "body", "slug", "status"));
            if (Boolean.FALSE.equals(draftAfter)) {
                unremovable.add("publishedAt");
            }
            Exchange e = send(creates, ApiEvent.edit(id, "").body(body).header("If-Match", "*"), Responses.text(body));
            ApiResponse after = creates.call(ApiEvent.preview(id));
            if (e.status() == 200) {
                assertThat(nulled).as("a field that cannot be removed was: %s", e).doesNotContainAnyElementsOf(unremovable);
                assertThat(taken).as("another article's slug was taken: %s", e).isFalse();
                if (draftAfter == null || !draftAfter) {
                    assertThat(e.json().get("publishedAt").isNull()).as("a published article has a publishedAt: %s", e).isFalse();
                }
                assertThat(after.body()).as("previewed as edited: %s", e).isEqualTo(e.response().body());
                assertThat(after.header("ETag")).as("%s", e).isEqualTo(e.response().header("ETag"));
                // Publishing a draft that has no publishedAt sets it: every other field the patch leaves out is kept.
                boolean published = before.json().get("publishedAt").isNull() && Boolean.FALSE.equals(draftAfter);
                for (String field : ArticleDrafts.FIELDS) {
                    if (!d.fields.containsKey(field) && !(published && field.equals("publishedAt"))) {
                        assertThat(e.json().get(field)).as("%s kept: %s", field, e).isEqualTo(before.json().get(field));
                    }
                }
                for (String field : nulled) {
                    assertThat(e.json().get(field).toString()).as("%s removed: %s", field, e).isIn("null", "[]");
                }
            } else {
                assertThat(e.status()).as("%s", e).isIn(400, 409, 413);
                assertThat(after.body()).as("a refused edit changed the article: %s", e).isEqualTo(before.body());
                if (e.status() == 409) {
                    // As on create: a slug a mutation made may be another article's.
                    assertThat(taken || d.touched.contains("slug")).as("%s", e).isTrue();
                    assertSlugTaken(e);
                }
                if (e.status() == 400 && e.type().equals(VALIDATION_FAILED)) {
                    assertThat(e.errorFields()).as("%s", e).containsAll(nulled.stream().filter(unremovable::contains).toList());
                }
            }
        });
    }

    @Test
    void createWithCorruptedBytes() {
        total += Cases.run("create: corrupted bytes", 1200, r -> {
            Draft d = smallDraft(r);
            d.fields.put("title", new ArticleDrafts.Raw("\"MARKERTITLE\""));
            byte[] valid = d.json(r).getBytes(StandardCharsets.UTF_8);
            int end = lastIndexOf(valid, (byte) '}');
            switch (r.nextInt(8)) {
                case 0 -> { // truncated anywhere before its end
                    Exchange e = create(java.util.Arrays.copyOf(valid, r.nextInt(end)));
                    assertType(e, 400, INVALID_JSON);
                }
                case 1 -> { // bytes replaced, inserted or deleted at random
                    byte[] body = valid;
                    for (int i = 1 + r.nextInt(3); i > 0; i--) {
                        body = edit(r, body);
                    }
                    Exchange e = create(body);
                    assertThat(e.status()).as("%s", e).isIn(201, 400, 413);
                    if (e.status() == 201) {
                        assertFetchedAsCreated(e);
                    }
                }
                case 2 -> { // a byte sequence that is not UTF-8, inside a string
                    byte[] bad = RandomText.pick(r, NOT_UTF8);
                    int at = indexOf(valid, "MARKERTITLE".getBytes(StandardCharsets.US_ASCII)) + r.nextInt(12);
                    Exchange e = create(splice(valid, at, 0, bad));
                    assertType(e, 400, INVALID_JSON);
                }
                case 3 -> { // a key given twice, maybe spelled with escapes
                    String name = RandomText.pick(r, new ArrayList<>(d.fields.keySet()));
                    String spelled = r.nextBoolean() ? JsonText.string(r, name) : "\"\\u" + String.format("%04x", (int) name.charAt(0)) + name.substring(1) + "\"";
                    byte[] member = (spelled + ":" + JsonText.value(r, 1) + ",").getBytes(StandardCharsets.UTF_8);
                    Exchange e = create(splice(valid, indexOf(valid, "{".getBytes(StandardCharsets.US_ASCII)) + 1, 0, member));
                    assertType(e, 400, INVALID_JSON);
                }
                case 4 -> { // something after the object, or only white space
                    String after = RandomText.pick(r, List.of("x", "{}", ",", "]", "\"a\"", "null", "}", "{", "\u0000", " \n\t", "\r\n"));
                    Exchange e = create(concat(valid, after.getBytes(StandardCharsets.UTF_8)));
                    if (after.isBlank()) {
                        assertCreated(e);
                    } else {
                        assertType(e, 400, INVALID_JSON);
                    }
                }
                case 5 -> { // something before the object: a byte order mark may be ignored (RFC 8259), nothing else
                    String before = RandomText.pick(r, List.of("\ufeff", "x", ",", "[", "\u0000", "  ", "\n"));
                    Exchange e = create(concat(before.getBytes(StandardCharsets.UTF_8), valid));
                    if (before.equals("\ufeff")) {
                        assertThat(e.status()).as("%s", e).isIn(201, 400);
                        if (e.status() == 201) {
                            assertFetchedAsCreated(e);
                        }
                    } else if (before.isBlank()) {
                        assertCreated(e);
                    } else {
                        assertType(e, 400, INVALID_JSON);
                    }
                }
                default -> { // what JSON does not allow, though other parsers do
                    String member = RandomText.pick(r, List.of("\"summary\": NaN,", "\"summary\": 0x1F,", "\"summary\": 01,",
                            "\"summary\": +1,", "\"summary\": .5,", "\"summary\": \"a\" \"b\",", "\"summary\": \"a\u0001b\",",
                            "/* note */", "// note\n", "'summary': 'x',", "summary: \"x\",", "\"summary\": Infinity,",
                            "\"summary\": undefined,", "\"summary\": \"\\x41\",", "\"summary\": \"\\u12\","));
                    byte[] body = r.nextInt(4) == 0 ? splice(valid, end, 0, ",".getBytes(StandardCharsets.US_ASCII)) // a trailing comma
                            : splice(valid, indexOf(valid, "{".getBytes(StandardCharsets.US_ASCII)) + 1, 0, member.getBytes(StandardCharsets.UTF_8));
                    assertType(create(body), 400, INVALID_JSON);
                }
            }
        });
    }

    @Test
    void createWithRandomJson() {
        total += Cases.run("create: random JSON", 800, r -> {
            String json = switch (r.nextInt(3)) {
                case 0 -> JsonText.value(r, 4);
                case 1 -> {
                    Map<String, String> members = new LinkedHashMap<>();
                    for (int i = r.nextInt(6); i > 0; i--) {
                        members.put(RandomText.pick(r, ArticleDrafts.FIELDS), JsonText.value(r, 2));
                    }
                    yield JsonText.object(r, members);
                }
                default -> JsonText.ws(r) + JsonText.value(r, 6) + JsonText.ws(r);
            };
            Exchange e = create(json.getBytes(StandardCharsets.UTF_8));
            if (!json.strip().startsWith("{")) {
                assertType(e, 400, INVALID_JSON);
            } else {
                assertThat(e.status()).as("%s", e).isIn(201, 400);
            }
            if (e.status() == 201) {
                assertFetchedAsCreated(e);
            }
        });
    }

    @Test
    void createNestedDeeply() {
        total += Cases.run("create: deep nesting", 300, r -> {
            int levels = r.nextBoolean() ? 24 + r.nextInt(16) : 1 + r.nextInt(70);
            String member = RandomText.pick(r, List.of("tags", "extra", "summary"));
            // Not a string inside tags: ["x"] is a valid list of tags.
            String inner = RandomText.pick(r, member.equals("tags") ? List.of("1", "null", "[]", "{}") : List.of("1", "\"x\"", "null", "[]", "{}"));
            boolean topLevel = r.nextInt(8) == 0;
            int depth = (topLevel ? 0 : 1) + levels + (inner.equals("[]") || inner.equals("{}") ? 1 : 0);
            String valid = r.nextBoolean() ? "\"title\":\"t\",\"body\":\"b\"," : "";
            String json = topLevel ? JsonText.nested(r, levels, inner)
                    : "{" + valid + "\"" + member + "\":" + JsonText.nested(r, levels, inner) + "}";
            Exchange e = create(json.getBytes(StandardCharsets.UTF_8));
            if (!json.startsWith("{")) {
                assertType(e, 400, INVALID_JSON);
            } else if (depth > 32) {
                assertType(e, 400, INVALID_JSON);
                assertThat(e.json().get("detail").asText()).as("%s", e).contains("nested deeper than 32");
            } else {
                assertType(e, 400, VALIDATION_FAILED);
            }
        });
    }

    @Test
    void createWithNumbersJsonAllowsButNoTypeHolds() {
        total += Cases.run("create: odd numbers", 300, r -> {
            Draft d = smallDraft(r);
            String field = RandomText.pick(r, ArticleDrafts.FIELDS);
            String number = r.nextInt(4) == 0 ? "1".repeat(995 + r.nextInt(10)) + RandomText.pick(r, List.of("", ".5", "e5"))
                    : JsonText.number(r);
            d.fields.put(field, new ArticleDrafts.Raw(number));
            String json = r.nextInt(10) == 0 ? number : d.json(r);
            Exchange e = create(json.getBytes(StandardCharsets.UTF_8));
            if (json.equals(number)) {
                assertType(e, 400, INVALID_JSON);
            } else if (number.length() <= 100) {
                assertType(e, 400, VALIDATION_FAILED);
                assertThat(e.errorFields()).as("%s", e).contains(field);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(400);
                assertThat(e.type()).as("%s", e).isIn(INVALID_JSON, VALIDATION_FAILED);
            }
        });
    }

    @Test
    void createInOtherEncodingsThanUtf8() {
        List<Charset> charsets = List.of(StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE"), StandardCharsets.ISO_8859_1);
        total += Cases.run("create: other encodings", 60, r -> {
            Draft d = smallDraft(r);
            d.fields.put("title", "Caf\u00e9 \u65e5\u672c");
            Charset charset = RandomText.pick(r, charsets);
            byte[] body = d.json(r).getBytes(charset);
            if (Arrays.equals(body, new String(body, charset).getBytes(StandardCharsets.UTF_8))) {
                // Every character ASCII (the writer may escape the rest): these bytes are UTF-8 as well.
                assertThat(create(body).status()).isEqualTo(201);
            } else {
                // "All JSON is UTF-8": a body in another encoding is not JSON this API reads.
                assertType(create(body), 400, INVALID_JSON);
            }
        });
    }

    @Test
    void createNearTheSizeLimit() {
        total += Cases.run("create: near the size limit", 12, r -> {
            byte[] small = "{\"title\":\"big\",\"body\":\"b\",\"tags\":[\"size\"]}".getBytes(StandardCharsets.UTF_8);
            switch (r.nextInt(6)) {
                case 0 -> assertCreated(create(padded(small, MAX_BODY)));
                case 1 -> assertThat(create(padded(small, MAX_BODY - 1)).status()).isEqualTo(201);
                case 2 -> assertThat(create(padded(small, MAX_BODY + 1 + r.nextInt(600_000))).status()).isEqualTo(413);
                case 3 -> { // the longest body, in three-byte characters: about 300,000 bytes
                    String text = RandomText.of(r, ArticleDrafts.BODY_MAX, c -> c >= 0x800 && c <= 0xFFFF && (c < 0xD800 || c > 0xDFFF) && c != 0xFEFF);
                    Draft d = smallDraft(r);
                    d.fields.put("body", text);
                    d.fields.remove("summary");
                    byte[] body = d.json(r).getBytes(StandardCharsets.UTF_8);
                    Exchange e = create(body);
                    if (body.length <= MAX_BODY) {
                        ArticleDrafts.assertStored(d, e.json());
                        assertCreated(e);
                    } else {
                        assertThat(e.status()).as("%s", e).isEqualTo(413);
                    }
                }
                case 4 -> {
                    Exchange e = create(("{\"title\":\"t\",\"body\":\"" + "b".repeat(ArticleDrafts.BODY_MAX + 1) + "\"}").getBytes(StandardCharsets.UTF_8));
                    assertType(e, 400, VALIDATION_FAILED);
                    assertThat(e.errorFields()).containsExactly("body");
                }
                default -> assertThat(send(creates, ApiEvent.create("").header("content-type", "text/plain")
                        .body(padded(small, MAX_BODY + 100_000)), "text/plain").status()).isEqualTo(415);
            }
        });
    }

    // ---- headers ----

    @Test
    void createWithRandomContentTypes() {
        List<String> json = List.of("application/json", "Application/JSON", "application/json; charset=utf-8",
                "application/json;charset=UTF-8", "application/json ; charset=\"utf-8\"", " application/json ", "application/json;");
        List<String> notJson = List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/json-patch+json", "application/jsonx", "application/problem+json", "json", "", "text/json",
                "*/*", "application/*", "application/json, text/plain", "text/html; charset=utf-8", "application/xml");
        total += Cases.run("create: content types", 300, r -> {
            byte[] body = small(r);
            int kind = r.nextInt(4);
            String contentType = switch (kind) {
                case 0 -> RandomText.pick(r, json);
                case 1 -> RandomText.pick(r, notJson);
                case 2 -> RandomText.any(r, 60);
                default -> null;
            };
            ApiEvent event = ApiEvent.create("").body(body);
            event = contentType == null ? event.withoutHeader("content-type") : event.header("content-type", contentType);
            Exchange e = send(creates, event, Responses.text(body) + " " + contentType);
            if (kind == 0) {
                assertCreated(e);
            } else if (kind == 2 && contentType.strip().toLowerCase(Locale.ROOT).startsWith("application/json")) {
                assertThat(e.status()).as("%s", e).isIn(201, 415);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(415);
            }
        });
    }

    @Test
    void requestsWithHostileHeaders() {
        total += Cases.run("headers: Idempotency-Key, If-None-Match, oversized and odd headers", 1200, r -> {
            switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> idempotent(r, randomKey(r), small(r));
                case 4, 5 -> {
                    String key = "pool-" + r.nextInt(15);
                    idempotent(r, key, ("{\"title\":\"" + key + "\",\"body\":\"" + r.nextInt(2) + "\"}").getBytes(StandardCharsets.UTF_8));
                }
                case 6, 7 -> {
                    ApiResponse fresh = creates.get(etagArticle);
                    String etag = fresh.header("ETag");
                    String inm = ifNoneMatch(r, etag);
                    Exchange e = send(creates, ApiEvent.get(etagArticle).header("if-none-match", inm), etagArticle + " " + inm);
                    if (matches(inm, etag)) {
                        assertThat(e.status()).as("%s", e).isEqualTo(304);
                        assertThat(e.response().header("ETag")).isEqualTo(etag);
                    } else {
                        assertThat(e.status()).as("%s", e).isEqualTo(200);
                        assertThat(e.response().body()).isEqualTo(fresh.body());
                    }
                }
                default -> { // headers no route reads, some of them huge: they change nothing
                    byte[] body = small(r);
                    String name = RandomText.pick(r, List.of("x-pad", "content-length", "transfer-encoding", "x-amz-target",
                            "authorization", "host", "x-forwarded-for", "cookie", "accept", "x-" + Integer.toString(r.nextInt(1 << 20), 36)));
                    String value = r.nextInt(4) == 0 ? "v".repeat(8_000 + r.nextInt(100_000)) : RandomText.any(r, 200);
                    Exchange e = send(creates, ApiEvent.create("").body(body).header(name, value),
                            Responses.text(body) + " " + name + ": " + value);
                    assertCreated(e);
                }
            }
        });
    }

    /** The contract's rule: 1 to 255 printable ASCII characters; then first use 201, same body a replay, another 422. */
    private void idempotent(Random r, String key, byte[] body) {
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

    private static String randomKey(Random r) {
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

    private static String ifNoneMatch(Random r, String etag) {
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
    private static boolean matches(String ifNoneMatch, String etag) {
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

    @Test
    void getWithHostileIds() {
        List<String> ids = model.ids();
        total += Cases.run("get: path ids", 1500, r -> {
            String id = hostileId(r);
            boolean exists = ids.contains(id); // a draft's or a scheduled article's id is 404, as an unknown one
            String inm = r.nextInt(4) == 0 ? RandomText.any(r, 40) : null;
            ApiEvent event = ApiEvent.get(id);
            Exchange e = send(lists, inm == null ? event : event.header("if-none-match", inm), id + " " + inm);
            if (!exists) {
                assertType(e, 404, NOT_FOUND);
            } else if (inm != null && matches(inm, e.response().header("ETag"))) {
                assertThat(e.status()).as("%s", e).isEqualTo(304);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(200);
                ObjectNode stored = (ObjectNode) e.json().deepCopy();
                stored.remove("body");
                assertThat(stored).as("%s", e).isIn(model.matching(new Filter(null, null, null, null)));
            }
        });
    }

    /** The preview of every article that exists, drafts and scheduled ones included; 404 for any other id. */
    @Test
    void previewWithHostileIds() {
        List<String> ids = model.allIds();
        total += Cases.run("preview: path ids", 600, r -> {
            String id = hostileId(r);
            Exchange e = send(lists, ApiEvent.preview(id), id);
            if (!ids.contains(id)) {
                assertType(e, 404, NOT_FOUND);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(200);
                assertThat(e.response().header("Cache-Control")).as("%s", e).isEqualTo(PREVIEW_CACHE_CONTROL);
                assertThat(e.response().header("ETag")).as("%s", e).isNotBlank();
                ObjectNode stored = (ObjectNode) e.json().deepCopy();
                stored.remove("body");
                assertThat(stored).as("%s", e).isIn(model.previewMatching(new Filter(null, null, null, null), null));
            }
        });
    }

    /**
     * By slug: a live article's slug answers what a fetch by id does; any other value (a draft's or a scheduled
     * article's slug, one of another form, an unknown one) is 404, and no value is a 5xx.
     */
    @Test
    void bySlugWithHostileSlugs() {
        Map<String, Boolean> slugs = model.slugs();
        List<String> known = List.copyOf(slugs.keySet());
        total += Cases.run("by slug: path slugs", 1200, r -> {
            String real = RandomText.pick(r, known);
            String slug = switch (r.nextInt(9)) {
                case 0, 1, 2 -> real;
                case 3 -> real.toUpperCase(Locale.ROOT);
                case 4 -> { // one character changed, to one a slug may have or not
                    int at = r.nextInt(real.length());
                    yield real.substring(0, at) + "abz09-_.~ %ÉA".charAt(r.nextInt(13)) + real.substring(at + 1);
                }
                case 5 -> RandomText.pick(r, List.of("-" + real, real + "-", real + "--x", real.replace('-', '_'), ListModel.encode(r, real),
                        real + "%00", "%2D" + real, real + "/", "..", ".", "%2e%2e", "null", "a".repeat(200), "a".repeat(201), "-", "0"));
                case 6 -> ArticleDrafts.slug(r);
                case 7 -> RandomText.any(r, 1 + r.nextInt(300));
                default -> RandomText.of(r, 1 + r.nextInt(250), c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'));
            };
            if (slug.isEmpty() || slug.contains("/")) {
                return; // another path: no route takes it as a slug (see unroutedRequests)
            }
            String inm = r.nextInt(4) == 0 ? RandomText.any(r, 40) : null;
            ApiEvent event = ApiEvent.bySlug(slug);
            Exchange e = send(lists, inm == null ? event : event.header("if-none-match", inm), slug + " " + inm);
            if (!Boolean.TRUE.equals(slugs.get(slug))) {
                assertType(e, 404, NOT_FOUND);
                assertThat(e.response().header("Cache-Control")).as("a 404 is never cacheable: %s", e).isEqualTo("no-store");
            } else if (inm != null && matches(inm, e.response().header("ETag"))) {
                assertThat(e.status()).as("%s", e).isEqualTo(304);
            } else {
                assertThat(e.status()).as("%s", e).isEqualTo(200);
                ApiResponse fetched = lists.get(e.json().get("id").asText());
                assertThat(e.response().body()).as("by slug as by id: %s", e).isEqualTo(fetched.body());
                assertThat(e.response().header("ETag")).as("%s", e).isEqualTo(fetched.header("ETag"));
                assertThat(e.response().header("Cache-Control")).as("%s", e).isEqualTo(fetched.header("Cache-Control"));
            }
        });
    }

    /**
     * Renames: every slug an article had answers 301 to its current one, which answers the article; unpublished, the
     * article is 404 on all of them. (Another article may take a slug that only redirects once 11 s have passed since
     * it was claimed, as docs/data-model.md says: the store's PublishingIT checks takeovers, not this timed property.)
     */
    @Test
    void renamedArticlesRedirectFromEveryFormerSlug() {
        total += Cases.run("by slug: renames and 301", 40, r -> {
            ApiResponse created = creates.create("{\"title\":\"Renamed " + r.nextInt() + "\",\"body\":\"b\"}");
            String id = created.json().get("id").asText();
            List<String> former = new ArrayList<>();
            String current = created.json().get("slug").asText();
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                String next = ArticleDrafts.slug(r);
                Exchange e = send(creates, ApiEvent.edit(id, "{\"slug\":\"" + next + "\"}").header("If-Match", "*"), next);
                assertThat(e.status()).as("%s", e).isEqualTo(200);
                assertThat(e.json().get("slug").asText()).as("%s", e).isEqualTo(next);
                former.add(current);
                current = next;
                if (r.nextBoolean()) { // a title edit keeps the slug
                    Exchange retitled = send(creates, ApiEvent.edit(id, "{\"title\":\"Retitled " + r.nextInt() + "\"}")
                            .header("If-Match", "*"), "retitle");
                    assertThat(retitled.json().get("slug").asText()).as("%s", retitled).isEqualTo(current);
                }
            }
            for (String old : former) {
                Exchange e = send(creates, ApiEvent.bySlug(old), old);
                assertThat(e.status()).as("%s", e).isEqualTo(301);
                assertThat(e.response().header("Location")).as("%s", e).isEqualTo("/articles/by-slug/" + current);
            }
            Exchange now = send(creates, ApiEvent.bySlug(current), current);
            assertThat(now.status()).as("%s", now).isEqualTo(200);
            assertThat(now.json().get("id").asText()).isEqualTo(id);
            send(creates, ApiEvent.edit(id, "{\"status\":\"draft\"}").header("If-Match", "*"), "unpublish");
            for (String slug : concat(former, current)) {
                assertType(send(creates, ApiEvent.bySlug(slug), slug), 404, NOT_FOUND);
            }
        });
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }

    /** A real id, one near it, or anything at all that might stand in a path segment. */
    private String hostileId(Random r) {
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

    @Test
    void listWithHostileQueries() {
        total += Cases.run("list: query strings and cursors", 2000, r -> {
            switch (r.nextInt(20)) {
                case 0, 1, 2, 3, 4, 5 -> validList(r);
                case 6, 7, 8 -> oneInvalidParameter(r);
                case 9, 10 -> unknownOrRepeated(r);
                case 11, 12 -> alteredCursor(r);
                case 13, 14 -> {
                    String cursor = r.nextBoolean() ? RandomText.of(r, RandomText.length(r, 0, 250),
                            c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) : RandomText.any(r, 80);
                    Filter f = ListModel.filter(r);
                    Map<String, String> p = ListModel.parameters(r, f);
                    p.put("cursor", ListModel.encode(r, cursor));
                    assertInvalidParameters(list(ListModel.query(r, p)), "cursor");
                }
                case 15 -> { // a genuine cursor with other filters
                    Filter f = ListModel.filter(r);
                    String cursor = firstCursor(r, f);
                    if (cursor == null) {
                        return;
                    }
                    Filter other = new Filter(f.tag(), f.author() == null ? "Ann" : null, f.since(), f.until());
                    Map<String, String> p = ListModel.parameters(r, other);
                    p.put("cursor", cursor);
                    assertInvalidParameters(list(ListModel.query(r, p)), "cursor");
                }
                default -> garbageQuery(r);
            }
        });
    }

    /**
     * The preview list: the list's parameters plus status (draft, scheduled, live) over every article, drafts sorted
     * at their updatedAt; a status of any other value is 400, and a cursor is bound to the preview list and its status.
     */
    @Test
    void previewListWithHostileQueries() {
        total += Cases.run("preview list: query strings and cursors", 800, r -> {
            Filter f = ListModel.filter(r);
            Map<String, String> p = ListModel.parameters(r, f);
            String status = r.nextBoolean() ? RandomText.pick(r, ListModel.PUBLICATIONS) : null;
            if (status != null) {
                p.put("status", status);
            }
            switch (r.nextInt(8)) {
                case 0, 1, 2, 3 -> {
                    int limit = limit(r, p);
                    Exchange e = previewList(ListModel.query(r, p));
                    List<ObjectNode> all = model.previewMatching(f, status);
                    assertPage(e, all.subList(0, Math.min(limit, all.size())), all.size() > limit);
                    assertThat(e.response().header("Cache-Control")).as("%s", e).isEqualTo(PREVIEW_CACHE_CONTROL);
                    String cursor = e.json().get("nextCursor").asText(null);
                    if (cursor != null) {
                        p.put("cursor", cursor);
                        Exchange page2 = previewList(ListModel.query(r, p));
                        assertPage(page2, all.subList(limit, Math.min(2 * limit, all.size())), all.size() > 2 * limit);
                    }
                }
                case 4 -> {
                    p.put("status", RandomText.pick(r, List.of("", "Draft", "LIVE", "published", "drafts", "live ", "%20live",
                            "draft%00", ListModel.encode(r, RandomText.any(r, 20) + "x"))));
                    assertInvalidParameters(previewList(ListModel.query(r, p)), "status");
                }
                case 5 -> { // a cursor of the public list, or of another status, is not this list's
                    p.remove("status");
                    p.put("limit", "1");
                    boolean fromPublic = r.nextBoolean();
                    String cursor = (fromPublic ? list(ListModel.query(r, p)) : previewList(ListModel.query(r, p)))
                            .json().get("nextCursor").asText(null);
                    if (cursor == null) {
                        return;
                    }
                    p.put("cursor", cursor);
                    if (!fromPublic) {
                        p.put("status", RandomText.pick(r, ListModel.PUBLICATIONS));
                    }
                    assertInvalidParameters(previewList(ListModel.query(r, p)), "cursor");
                }
                default -> {
                    String name = RandomText.pick(r, List.of("status", "limit", "tag", "cursor", "q", "Status"));
                    String query = ListModel.query(r, p) + "&" + name + "=" + ListModel.encode(r, RandomText.any(r, 30));
                    Exchange e = previewList(query.startsWith("&") ? query.substring(1) : query);
                    assertThat(e.status()).as("%s", e).isIn(200, 400);
                    if (e.status() == 200) {
                        assertPageShape(e);
                    } else {
                        assertThat(e.type()).as("%s", e).isEqualTo(INVALID_PARAMETER);
                    }
                }
            }
        });
    }

    /**
     * The changes feed's limit and cursor, valid, out of range, random or altered: a page or a 400 naming the
     * parameter, never anything else. A list's cursor is not a feed's.
     */
    @Test
    void changesWithHostileLimitsAndCursors() {
        String genuine = send(lists, ApiEvent.changes("limit=1"), "limit=1").json().get("cursor").asText();
        String listCursor = list("limit=1").json().get("nextCursor").asText();
        total += Cases.run("changes: limits and cursors", 600, r -> {
            int kind = r.nextInt(6);
            String value = switch (kind) {
                case 0 -> String.valueOf(1 + r.nextInt(100));
                case 1 -> RandomText.pick(r, List.of("0", "101", "-1", "abc", "1.5", "", "1e2", "%2B5", "99999999999999999999", "5%00"));
                case 2 -> genuine;
                case 3 -> { // one character of a genuine cursor changed (not the last: some of its bits are padding)
                    int at = r.nextInt(genuine.length() - 1);
                    yield genuine.substring(0, at) + (genuine.charAt(at) == 'A' ? 'B' : 'A') + genuine.substring(at + 1);
                }
                case 4 -> r.nextBoolean() ? listCursor : ListModel.encode(r, RandomText.any(r, 80));
                default -> ListModel.encode(r, RandomText.of(r, RandomText.length(r, 0, 250),
                        c -> c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')));
            };
            String name = kind < 2 ? "limit" : "cursor";
            String query = name + "=" + value;
            Exchange e = send(lists, ApiEvent.changes(query), query);
            if (kind == 0 || kind == 2) {
                assertThat(e.status()).as("%s", e).isEqualTo(200);
                assertThat(e.json().get("changes").size()).as("%s", e).isLessThanOrEqualTo(kind == 0 ? Integer.parseInt(value) : 50);
            } else {
                assertInvalidParameters(e, name);
            }
        });
    }

    /** A list with valid parameters answers exactly the model's page, and its cursor the next one. */
    private void validList(Random r) {
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

    private void oneInvalidParameter(Random r) {
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

    private void unknownOrRepeated(Random r) {
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
    private void alteredCursor(Random r) {
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

    private void garbageQuery(Random r) {
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

    private String firstCursor(Random r, Filter f) {
        if (model.matching(f).size() < 2) {
            return null;
        }
        Map<String, String> p = ListModel.parameters(r, f);
        p.put("limit", "1");
        return list(ListModel.query(r, p)).json().get("nextCursor").asText();
    }

    /** Sets a random limit, or none (the default, 20), and returns the limit in force. */
    private static int limit(Random r, Map<String, String> parameters) {
        if (r.nextInt(4) == 0) {
            return 20;
        }
        int limit = r.nextInt(10) == 0 ? 1 + r.nextInt(100) : 1 + r.nextInt(8);
        parameters.put("limit", r.nextInt(10) == 0 ? String.format("%03d", limit) : Integer.toString(limit));
        return limit;
    }

    private void assertPage(Exchange e, List<ObjectNode> expected, boolean more) {
        assertThat(e.status()).as("%s", e).isEqualTo(200);
        assertPageShape(e);
        List<JsonNode> items = new ArrayList<>();
        e.json().get("items").forEach(items::add);
        assertThat(items).as("%s", e).containsExactlyElementsOf(expected);
        assertThat(e.json().get("nextCursor").isNull()).as("nextCursor null exactly on the last page: %s", e).isEqualTo(!more);
    }

    private static void assertPageShape(Exchange e) {
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

    private static void assertInvalidParameters(Exchange e, String... names) {
        assertType(e, 400, INVALID_PARAMETER);
        assertThat(e.errorFields()).as("%s", e).containsExactlyInAnyOrder(names);
    }

    // ---- unrouted ----

    @Test
    void unroutedRequests() {
        total += Cases.run("unrouted: methods and paths", 400, r -> {
            String method = RandomText.pick(r, List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
                    "CONNECT", "PROPFIND", "get", "X-" + r.nextInt(100)));
            String path = switch (r.nextInt(8)) {
                case 0 -> "/articles";
                case 1 -> "/articles/" + RandomText.pick(r, model.ids());
                case 2 -> RandomText.pick(r, List.of("/", "/articles/", "/articles/x/y", "/Articles", "//articles", "/articles//",
                        "/articles/%2F", "/articles?x", "/articles/.", "/api/articles", "/articles.json", "/articles/by-slug/",
                        "/articles/by-slug/a/b", "/preview", "/preview/", "/preview/articles/", "/preview/articles/x/y",
                        "/Preview/articles", "/articles/by-slug/%2F"));
                case 3 -> "/articles/by-slug/" + RandomText.pick(r, List.copyOf(model.slugs().keySet()));
                case 4 -> r.nextBoolean() ? "/preview/articles" : "/preview/articles/" + RandomText.pick(r, model.allIds());
                default -> "/" + RandomText.any(r, 40);
            };
            boolean collection = path.equals("/articles");
            boolean item = path.matches("/articles/[^/]+");
            // Paths whose only method is GET: by slug, and the two preview routes.
            boolean readOnly = path.matches("/articles/by-slug/[^/]+") || path.matches("/preview/articles(/[^/]+)?");
            if (collection && (method.equals("GET") || method.equals("POST"))
                    || item && (method.equals("GET") || method.equals("PATCH") || method.equals("DELETE"))
                    || readOnly && method.equals("GET")) {
                return; // a route of the contract: API Gateway never hands it to $default
            }
            Exchange e = send(creates, ApiEvent.unrouted(method, path), method + " " + path);
            if (collection || item || readOnly) {
                assertType(e, 405, type(Problem.Type.METHOD_NOT_ALLOWED));
                assertThat(e.response().header("Allow")).as("%s", e)
                        .isEqualTo(collection ? "GET, POST" : readOnly ? "GET" : "DELETE, GET, PATCH");
            } else {
                assertType(e, 404, type(Problem.Type.NOT_FOUND));
            }
        });
    }

    // ---- helpers ----

    private Exchange create(byte[] body) {
        return send(creates, ApiEvent.create("").body(body), Responses.text(body));
    }

    private Exchange list(String query) {
        return send(lists, ApiEvent.list(query), query);
    }

    private Exchange previewList(String query) {
        return send(lists, ApiEvent.previewList(query), "preview " + query);
    }

    private static Exchange send(TestApi api, ApiEvent event, String input) {
        Exchange e = new Exchange(input, api.call(event));
        Responses.assertWellFormed(e);
        return e;
    }

    private void assertCreated(Exchange e) {
        assertThat(e.status()).as("%s", e).isEqualTo(201);
        assertFetchedAsCreated(e);
    }

    /**
     * A created article is at its Location, a preview answers exactly what the create did, and the public fetch and
     * by-slug routes answer it too when it is live, and 404 when it is a draft or scheduled.
     */
    private void assertFetchedAsCreated(Exchange e) {
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
    private void assertSlugTaken(Exchange e) {
        assertType(e, 409, SLUG_TAKEN);
        assertThat(e.errorFields()).as("%s", e).containsExactly("slug");
        ApiResponse holder = creates.call(ApiEvent.bySlug(takenSlug));
        assertThat(holder.json().get("id").asText()).as("the slug's holder keeps it: %s", e).isEqualTo(etagArticle);
    }

    private static void assertType(Exchange e, int status, String type) {
        assertThat(e.status()).as("%s", e).isEqualTo(status);
        assertThat(e.type()).as("%s", e).isEqualTo(type);
    }

    private static String type(Problem.Type type) {
        return new Problem(type, "").typeUri();
    }

    /** A valid draft of a few kilobytes at most. */
    private static Draft smallDraft(Random r) {
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
    private static byte[] small(Random r) {
        return ("{\"title\":\"t" + r.nextInt() + "\",\"body\":\"b\",\"tags\":[\"h\"]}").getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON object with spaces after its opening brace, to exactly {@code size} bytes. */
    private static byte[] padded(byte[] json, int size) {
        return splice(json, 1, 0, " ".repeat(size - json.length).getBytes(StandardCharsets.US_ASCII));
    }

    /** Byte sequences that are not UTF-8: stray, overlong, surrogate, beyond U+10FFFF, cut short. */
    private static final List<byte[]> NOT_UTF8 = List.of(bytes(0xFF), bytes(0xFE), bytes(0x80), bytes(0xBF), bytes(0xC3),
            bytes(0xC3, 0x28), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x98), bytes(0xC0, 0x80), bytes(0xC1, 0xBF),
            bytes(0xE0, 0x80, 0xAF), bytes(0xF0, 0x80, 0x80, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF),
            bytes(0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80), bytes(0xF4, 0x90, 0x80, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
            bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80));

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] edit(Random r, byte[] body) {
        int at = r.nextInt(body.length + 1);
        return switch (r.nextInt(3)) {
            case 0 -> at == body.length ? body : splice(body, at, 1, bytes(r.nextInt(256)));
            case 1 -> splice(body, at, 0, bytes(r.nextInt(256)));
            default -> at == body.length ? body : splice(body, at, 1, new byte[0]);
        };
    }

    private static byte[] splice(byte[] body, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + insert.length);
        out.write(body, 0, at);
        out.write(insert, 0, insert.length);
        out.write(body, at + remove, body.length - at - remove);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return splice(a, a.length, 0, b);
    }

    private static int indexOf(byte[] body, byte[] part) {
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

    private static int lastIndexOf(byte[] body, byte b) {
        for (int i = body.length - 1; i >= 0; i--) {
            if (body[i] == b) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
