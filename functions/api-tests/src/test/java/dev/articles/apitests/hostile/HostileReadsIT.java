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
 * The hostile-input properties that read (ids, slugs, lists, previews, the feed) and unrouted requests
 * (the fallback, which reads no table; their paths from the model), on a table the model seeds.
 */
class HostileReadsIT extends HostileInput {

    @BeforeAll
    void tables() {
        lists = TestApi.freshTable();
        model = ListModel.seed(lists);
    }

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
            Exchange e = send(lists, ApiEvent.unrouted(method, path), method + " " + path);
            if (collection || item || readOnly) {
                assertType(e, 405, type(Problem.Type.METHOD_NOT_ALLOWED));
                assertThat(e.response().header("Allow")).as("%s", e)
                        .isEqualTo(collection ? "GET, POST" : readOnly ? "GET" : "DELETE, GET, PATCH");
            } else {
                assertType(e, 404, type(Problem.Type.NOT_FOUND));
            }
        });
    }
}
