package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * GET /articles/search end to end, rule by rule of the contract (API.md, full-text search): the project's template
 * served with {@code --parameter Search=enabled} on the real function jars, a real OpenSearch node, the indexer fed
 * by the changes feed. One serve for the class; the articles are written once, then searched many ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchIT {

    private static final java.nio.file.Path ROOT = ProjectRoot.find();
    private static final int BULK = 22; // more than the default page of 20

    private ServeProcess serve;
    private URI api;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    void start() {
        // Not ResolvedJars.requireTemplateJars: the search jars are not in this module's jar list yet (i20-wire adds
        // them); the reactor builds them when run with -pl infra/local,functions/search-articles,functions/index-articles.
        serve = ServeProcess.start(ROOT, "--in-memory", "--parameter", "Search=enabled");
        api = serve.baseUrl();
        put("marchTitle", "{\"title\":\"Crowds march on the capital\",\"body\":\"Thousands gathered in the square.\","
                + "\"tags\":[\"politics\"],\"author\":\"Ana\",\"publishedAt\":\"2024-01-01T10:00:00Z\"}");
        put("marchedBody", "{\"title\":\"Weather report\",\"body\":\"Rain all day. Protesters marched in the rain anyway.\","
                + "\"tags\":[\"weather\"],\"author\":\"Ben\",\"publishedAt\":\"2024-02-01T10:00:00Z\"}");
        put("marchesBody", "{\"title\":\"Harbour news\",\"body\":\"The marches continue along the quay.\","
                + "\"tags\":[\"politics\"],\"author\":\"Ana\",\"publishedAt\":\"2024-03-01T10:00:00Z\"}");
        put("phrase", "{\"title\":\"Fox story\",\"body\":\"The quick brown fox jumps.\",\"publishedAt\":\"2024-01-05T10:00:00Z\"}");
        put("reversed", "{\"title\":\"Other fox story\",\"body\":\"A fox, brown and quick.\",\"publishedAt\":\"2024-01-06T10:00:00Z\"}");
        put("html", "{\"title\":\"Tom & Jerry <b>bold</b> \\\"quoted\\\" 'single' zebra\","
                + "\"body\":\"A zebra <script>alert(1)</script> & \\\"the zebra\\\" isn't <i>shy</i>.\","
                + "\"publishedAt\":\"2024-01-07T10:00:00Z\"}");
        put("tieA", "{\"title\":\"Tiebreak one\",\"body\":\"tiebreak\",\"publishedAt\":\"2024-04-01T10:00:00Z\"}");
        put("tieB", "{\"title\":\"Tiebreak two\",\"body\":\"tiebreak\",\"publishedAt\":\"2024-04-01T10:00:00Z\"}");
        for (int i = 0; i < BULK; i++) {
            put("bulk" + i, "{\"title\":\"Bulk item " + i + "\",\"body\":\"bulkword number " + i + "\","
                    + "\"publishedAt\":\"2023-06-" + String.format("%02d", 1 + i) + "T10:00:00Z\"}");
        }
        // The last write: once it shows, every earlier one has been indexed (the indexer follows the feed in order).
        put("last", "{\"title\":\"Setup done\",\"body\":\"lastwrite\",\"publishedAt\":\"2024-01-02T10:00:00Z\"}");
        double lag = awaitSearch("lastwrite", ids -> ids.contains(this.ids.get("last")));
        System.out.printf("search lag: initial %d writes %.1f s%n", this.ids.size(), lag);
    }

    @AfterAll
    void stop() {
        if (serve != null) {
            List<ProcessHandle> children = serve.descendants();
            serve.close();
            Eventually.holds(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    @Order(1)
    void stemmingFindsEveryFormOfAWord() {
        for (String q : List.of("march", "marched", "marches")) {
            assertThat(itemIds(search("q=" + q))).as(q)
                    .containsExactlyInAnyOrder(ids.get("marchTitle"), ids.get("marchedBody"), ids.get("marchesBody"));
        }
    }

    @Test
    @Order(2)
    void aMatchInTheTitleCountsMoreThanOneInTheBody() {
        assertThat(itemIds(search("q=march")).getFirst()).isEqualTo(ids.get("marchTitle"));
        // relevance is the default
        assertThat(itemIds(search("q=march&sort=relevance"))).isEqualTo(itemIds(search("q=march")));
    }

    @Test
    @Order(3)
    void aQuotedPhraseMatchesThoseWordsInThatOrder() {
        assertThat(itemIds(search("q=" + encode("\"brown fox\"")))).containsExactly(ids.get("phrase"));
        assertThat(itemIds(search("q=" + encode("\"fox brown\"")))).containsExactly(ids.get("reversed"));
        assertThat(itemIds(search("q=" + encode("brown fox")))).contains(ids.get("phrase"), ids.get("reversed"));
    }

    @Test
    @Order(4)
    void aMinusExcludesArticlesWithThatWord() {
        assertThat(itemIds(search("q=" + encode("march -rain"))))
                .containsExactlyInAnyOrder(ids.get("marchTitle"), ids.get("marchesBody"));
        assertThat(itemIds(search("q=" + encode("fox -\"brown fox\"")))).containsExactly(ids.get("reversed"));
    }

    @Test
    @Order(5)
    void anythingElseIsPlainText() {
        for (String q : List.of("title:march", "mar*", "ma?ch", "/ma.ch/", "march~", "march^10", "\\", "\\\\march",
                "march AND rain", "march OR zebra", "NOT march", "(((", ")", "[a TO z]", "{\"script\":1}",
                "_exists_:title", "author:Ana", "\"unclosed", "-", "--", "\"\"", "&&", "||", "!", "<script>",
                "%", "'; DROP TABLE articles; --", "ctx._source", "*", "?")) {
            HttpResponse<String> response = Http.get(api, "/articles/search?q=" + encode(q));
            assertThat(response.statusCode()).as(q + ": " + response.body()).isEqualTo(200);
            assertClean(q, response);
        }
        // No pattern runs: a wildcard or a fuzzy operator matches nothing of "march".
        assertThat(itemIds(search("q=" + encode("mar*")))).isEmpty();
        assertThat(itemIds(search("q=" + encode("/ma.ch/")))).isEmpty();
        assertThat(itemIds(search("q=" + encode("ma?ch")))).isEmpty();
        // No other field is searched: author "Ana" is not text of any article.
        assertThat(itemIds(search("q=Ana"))).isEmpty();
    }

    @Test
    @Order(6)
    void qIsRequiredAndOneTo200CharactersAfterTrimming() {
        for (String query : List.of("", "q=", "q=" + encode("   "), "q=" + "a".repeat(201),
                "q=" + encode(" " + "b".repeat(201) + " "))) {
            assertProblem(Http.get(api, "/articles/search?" + query), 400, "q");
        }
        assertThat(Http.get(api, "/articles/search?q=" + encode("  " + "c".repeat(200) + "  ")).statusCode()).isEqualTo(200);
        assertThat(Http.get(api, "/articles/search?q=x").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void sortNewestIsPublishedAtDescendingTiesByIdAsTheList() {
        assertThat(itemIds(search("q=march&sort=newest")))
                .containsExactly(ids.get("marchesBody"), ids.get("marchedBody"), ids.get("marchTitle"));
        List<String> ties = itemIds(search("q=tiebreak&sort=newest"));
        assertThat(ties).containsExactlyElementsOf(ties.stream().sorted((a, b) -> b.compareTo(a)).toList())
                .containsExactlyInAnyOrder(ids.get("tieA"), ids.get("tieB"));
        // relevance ties: newest first
        assertThat(itemIds(search("q=bulkword&limit=50"))).startsWith(ids.get("bulk" + (BULK - 1)));
        for (String bad : List.of("oldest", "", "NEWEST", "score")) {
            assertProblem(Http.get(api, "/articles/search?q=march&sort=" + bad), 400, "sort");
        }
    }

    @Test
    @Order(8)
    void filtersAsTheList() {
        assertThat(itemIds(search("q=march&tag=politics")))
                .containsExactlyInAnyOrder(ids.get("marchTitle"), ids.get("marchesBody"));
        assertThat(itemIds(search("q=march&tag=POLITICS")))
                .containsExactlyInAnyOrder(ids.get("marchTitle"), ids.get("marchesBody"));
        assertThat(itemIds(search("q=march&author=Ben"))).containsExactly(ids.get("marchedBody"));
        assertThat(itemIds(search("q=march&author=ana"))).isEmpty(); // exact match
        assertThat(itemIds(search("q=march&since=2024-02-01T10:00:00Z")))
                .containsExactlyInAnyOrder(ids.get("marchedBody"), ids.get("marchesBody"));
        assertThat(itemIds(search("q=march&until=2024-02-01T10:00:00Z"))).containsExactly(ids.get("marchTitle"));
        assertThat(itemIds(search("q=march&tag=politics&author=Ana&since=2024-02-01T00:00:00Z")))
                .containsExactly(ids.get("marchesBody"));
        assertProblem(Http.get(api, "/articles/search?q=march&since=yesterday"), 400, "since");
        assertProblem(Http.get(api, "/articles/search?q=march&until=2024-13-01"), 400, "until");
        assertProblem(Http.get(api, "/articles/search?q=march&tag=" + "t".repeat(51)), 400, "tag");
        assertProblem(Http.get(api, "/articles/search?q=march&author=" + "a".repeat(201)), 400, "author");
    }

    @Test
    @Order(9)
    void limitIsOneToFiftyDefaultTwenty() {
        Map<String, Object> first = search("q=bulkword");
        assertThat(items(first)).hasSize(20);
        assertThat(first.get("nextCursor")).isNotNull();
        Map<String, Object> all = search("q=bulkword&limit=50");
        assertThat(items(all)).hasSize(BULK);
        assertThat(all.get("nextCursor")).isNull();
        assertThat(items(search("q=bulkword&limit=1"))).hasSize(1);
        for (String bad : List.of("0", "51", "-1", "abc", "1.5", "")) {
            assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=" + bad), 400, "limit");
        }
    }

    @Test
    @Order(10)
    void aCursorWalkVisitsEachMatchOnceAndEndsWithANullCursor() {
        for (String sort : List.of("relevance", "newest")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> page = search("q=bulkword&limit=1&sort=" + sort
                        + (cursor == null ? "" : "&cursor=" + encode(cursor)));
                assertThat(items(page)).as("page %d of %s", pages, sort).hasSize(1);
                seen.addAll(itemIds(page));
                cursor = (String) page.get("nextCursor");
                pages++;
                assertThat(pages).isLessThanOrEqualTo(BULK);
            } while (cursor != null);
            assertThat(seen).as(sort).doesNotHaveDuplicates().hasSize(BULK);
        }
    }

    @Test
    @Order(11)
    void aCursorIsBoundToItsQueryAnd400WhenAltered() {
        String cursor = (String) search("q=bulkword&limit=1").get("nextCursor");
        assertThat(cursor).isNotNull();
        char last = cursor.charAt(cursor.length() - 1);
        String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&cursor=" + encode(tampered)), 400, "cursor");
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&cursor=" + encode("x" + cursor)), 400, "cursor");
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&cursor=garbage"), 400, "cursor");
        assertProblem(Http.get(api, "/articles/search?q=bulk&limit=1&cursor=" + encode(cursor)), 400, "cursor");
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&sort=newest&cursor=" + encode(cursor)), 400, "cursor");
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&tag=x&cursor=" + encode(cursor)), 400, "cursor");
        String listCursor = (String) Http.json(Http.get(api, "/articles?limit=1")).get("nextCursor");
        assertProblem(Http.get(api, "/articles/search?q=bulkword&limit=1&cursor=" + encode(listCursor)), 400, "cursor");
    }

    @Test
    @Order(12)
    void highlightsAreTheMatchedFieldsOnlyHtmlEscapedWithOnlyMarkTags() {
        Map<String, Object> hit = only(search("q=march&tag=politics&author=Ana&until=2024-02-01T00:00:00Z"));
        assertThat(Http.map(hit.get("highlights"))).containsOnlyKeys("title");
        assertThat(fragments(hit, "title")).allMatch(f -> f.contains("<mark>march</mark>"));
        assertThat(hit).doesNotContainKey("body"); // an ArticleSummary
        assertThat(Http.map(only(search("q=marched&author=Ben")).get("highlights"))).containsOnlyKeys("body");

        Map<String, Object> zebra = only(search("q=zebra"));
        assertThat(Http.map(zebra.get("highlights"))).containsOnlyKeys("title", "body");
        String title = "Tom & Jerry <b>bold</b> \"quoted\" 'single' zebra";
        String body = "A zebra <script>alert(1)</script> & \"the zebra\" isn't <i>shy</i>.";
        for (String fragment : fragments(zebra, "title")) {
            assertThat(fragment).contains("<mark>zebra</mark>").contains("&amp;").contains("&lt;b&gt;");
            assertThat(title).contains(unescape(fragment));
        }
        for (String fragment : fragments(zebra, "body")) {
            assertThat(fragment).contains("<mark>zebra</mark>").contains("&lt;script&gt;");
            assertThat(body).contains(unescape(fragment));
        }
        assertClean("zebra", Http.get(api, "/articles/search?q=zebra"));
        // the article itself is returned as stored
        assertThat(zebra.get("title")).isEqualTo(title);
    }

    @Test
    @Order(13)
    void liveOnlyAndEveryWriteShowsWithin30Seconds() {
        // after the writes below (about 50 s), so its lag is measured from its publishedAt while nothing else runs
        Instant goLive = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        String draft = create("{\"status\":\"draft\",\"title\":\"Liveonly draft\",\"body\":\"liveonly\"}");
        String scheduled = create("{\"title\":\"Liveonly later\",\"body\":\"liveonly\",\"publishedAt\":\"2099-01-01T00:00:00Z\"}");
        String goesLive = create("{\"title\":\"Golive soon\",\"body\":\"golivesoon\",\"publishedAt\":\"" + goLive + "\"}");
        String moved = create("{\"title\":\"Moved later\",\"body\":\"movedword\"}");
        long created = System.nanoTime();
        String live = create("{\"title\":\"Liveonly now\",\"body\":\"liveonly\"}");
        report("create", awaitSearch("liveonly", found -> found.contains(live), created));
        assertThat(itemIds(search("q=liveonly"))).containsExactly(live).doesNotContain(draft, scheduled);
        assertThat(itemIds(search("q=golivesoon"))).doesNotContain(goesLive);

        // live, then rescheduled into the future: out of search now, back at its new publishedAt
        awaitSearch("movedword", found -> found.contains(moved));
        long rescheduled = System.nanoTime();
        patch(moved, "{\"publishedAt\":\"" + goLive + "\"}");
        report("reschedule into the future", awaitSearch("movedword", found -> !found.contains(moved), rescheduled));

        long edited = System.nanoTime();
        patch(live, "{\"title\":\"Liveonly reworded\"}");
        report("edit", awaitSearch("reworded", found -> found.contains(live), edited));

        long unpublished = System.nanoTime();
        patch(live, "{\"status\":\"draft\"}");
        report("unpublish", awaitSearch("liveonly", found -> !found.contains(live), unpublished));

        String doomed = create("{\"title\":\"Doomed\",\"body\":\"doomedword\"}");
        awaitSearch("doomedword", found -> found.contains(doomed));
        long deleted = System.nanoTime();
        assertThat(Http.send(api, "DELETE", "/articles/" + doomed, null, "If-Match", "*").statusCode()).isEqualTo(204);
        report("delete", awaitSearch("doomedword", found -> !found.contains(doomed), deleted));

        // a scheduled go-live: measured from its publishedAt, with no write after it
        assertThat(itemIds(search("q=golivesoon"))).as("before %s", goLive).doesNotContain(goesLive);
        awaitClock(goLive);
        awaitSearch("golivesoon", found -> found.contains(goesLive));
        double goLiveLag = Duration.between(goLive, Instant.now()).toMillis() / 1e3;
        report("scheduled go-live", goLiveLag);
        assertThat(goLiveLag).as("shows within 30 s of its publishedAt").isLessThan(30);
        awaitSearch("movedword", found -> found.contains(moved));
        report("rescheduled go-live", Duration.between(goLive, Instant.now()).toMillis() / 1e3);
        assertThat(itemIds(search("q=liveonly"))).doesNotContain(draft, scheduled, live);
    }

    @Test
    @Order(14)
    void hostileQueriesAnswer200Or400ProblemDetailsNeverMore() {
        long seed = Long.getLong("search.fuzz.seed", System.nanoTime());
        System.out.println("search hostile q seed: " + seed + " (rerun with -Dsearch.fuzz.seed=" + seed + ")");
        Random random = new Random(seed);
        String alphabet = "abcmarchzebrafoxAZ09 \"\"--\\\\*?~^:()[]{}/!&|<>=+@#$%';,._\u00e9\u00df\u4e2d\u0000\t\n\u200b\ud83d\ude00";
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 300; i++) {
            int length = random.nextInt(10) == 0 ? 195 + random.nextInt(15) : 1 + random.nextInt(40);
            StringBuilder q = new StringBuilder();
            while (q.length() < length) {
                int at = random.nextInt(alphabet.length());
                char c = alphabet.charAt(at);
                if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) {
                    q.append(c).append(alphabet.charAt(at + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    q.append(c);
                }
            }
            String extra = random.nextInt(4) == 0 ? "&sort=newest" : "";
            HttpResponse<String> response = Http.get(api, "/articles/search?q=" + encode(q.toString()) + extra);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String what = "seed " + seed + " #" + i + " q=" + q + ": " + response.body();
            assertThat(response.statusCode()).as(what).isIn(200, 400);
            if (response.statusCode() == 400) {
                assertProblem(response, 400, "q");
            }
            assertClean(what, response);
        }
        System.out.println("search hostile q statuses: " + statuses);
    }

    /**
     * A rebuild from scratch leaves search answering the same. Serve cannot be sent {@code {"reindex": true}} (invoke
     * starts its own node), so the index is dropped on serve's node: the indexer's next run (after the write below)
     * finds it gone and takes the same rebuild path, logging {@code "reindexed":true}.
     */
    @Test
    @Order(15)
    void aRebuildFromScratchAnswersTheSame() {
        List<String> queries = List.of("q=march", "q=march&sort=newest", "q=bulkword&limit=50", "q=zebra",
                "q=" + encode("fox -\"brown fox\""), "q=liveonly", "q=doomedword", "q=golivesoon", "q=reworded");
        Map<String, Object> before = new LinkedHashMap<>();
        queries.forEach(q -> before.put(q, search(q).get("items")));
        long rebuildsBefore = rebuilds();
        Matcher node = Pattern.compile("Search: OpenSearch at (http://\\S+) ").matcher(serve.output());
        assertThat(node.find()).as(serve.output()).isTrue();
        URI engine = URI.create(node.group(1));
        String concrete = Http.map(PlainJson.parse(Http.get(engine, "/_alias/articles").body()
                .getBytes(StandardCharsets.UTF_8))).keySet().iterator().next();
        assertThat(Http.send(engine, "DELETE", "/" + concrete, null).statusCode()).isEqualTo(200);

        long dropped = System.nanoTime();
        String trigger = create("{\"title\":\"Rebuild trigger\",\"body\":\"rebuildtrigger\"}");
        report("rebuild from scratch", awaitSearch("rebuildtrigger", found -> found.contains(trigger), dropped));
        assertThat(rebuilds()).isGreaterThan(rebuildsBefore);
        queries.forEach(q -> assertThat(search(q).get("items")).as(q).isEqualTo(before.get(q)));
    }

    // --- helpers ---

    private long rebuilds() {
        return serve.lines().stream()
                .filter(l -> l.startsWith("[IndexArticlesFunction]") && l.contains("\"reindexed\":true")).count();
    }

    private void put(String name, String json) {
        ids.put(name, create(json));
    }

    private String create(String json) {
        HttpResponse<String> response = Http.send(api, "POST", "/articles", json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return (String) Http.json(response).get("id");
    }

    private void patch(String id, String json) {
        HttpResponse<String> response = Http.send(api, "PATCH", "/articles/" + id, json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/merge-patch+json", "If-Match", "*");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private double awaitSearch(String q, Predicate<List<String>> shown) {
        return awaitSearch(q, shown, System.nanoTime());
    }

    /** Waits (at most the contract's 30 s) until the ids q finds satisfy the predicate; returns seconds since {@code since}. */
    private double awaitSearch(String q, Predicate<List<String>> shown, long since) {
        Eventually.holds(() -> {
            List<String> found = itemIds(search("q=" + encode(q) + "&limit=50"));
            assertThat(shown.test(found)).as("q=%s found %s", q, found).isTrue();
        });
        return (System.nanoTime() - since) / 1e9;
    }

    /** Waits for the clock to pass the instant (a go-live needs no write: only time passes). */
    private static void awaitClock(Instant instant) {
        long millis = Duration.between(Instant.now(), instant).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static void report(String what, double seconds) {
        System.out.printf("search lag: %s %.1f s%n", what, seconds);
    }

    private Map<String, Object> search(String query) {
        HttpResponse<String> response = Http.get(api, "/articles/search?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    private static List<String> itemIds(Map<String, Object> page) {
        return items(page).stream().map(item -> (String) item.get("id")).toList();
    }

    private static Map<String, Object> only(Map<String, Object> page) {
        assertThat(items(page)).hasSize(1);
        return items(page).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static List<String> fragments(Map<String, Object> hit, String field) {
        List<String> fragments = (List<String>) Http.map(hit.get("highlights")).get(field);
        assertThat(fragments).as(field).isNotEmpty();
        return fragments;
    }

    private static String unescape(String fragment) {
        return fragment.replace("<mark>", "").replace("</mark>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#x27;", "'").replace("&#39;", "'").replace("&#x2F;", "/")
                .replace("&amp;", "&");
    }

    /** No class name or stack trace; in a 200, no markup but {@code <mark>} in any highlight and no raw {@code &}. */
    @SuppressWarnings("unchecked")
    private static void assertClean(String what, HttpResponse<String> response) {
        assertThat(response.body()).as(what).doesNotContain("Exception", "dev.articles.", "java.", "opensearch", "OpenSearch");
        if (response.statusCode() != 200) {
            return;
        }
        for (Map<String, Object> item : items(Http.json(response))) {
            for (Object fragments : Http.map(item.get("highlights")).values()) {
                for (String fragment : (List<String>) fragments) {
                    String bare = fragment.replace("<mark>", "").replace("</mark>", "");
                    assertThat(bare).as(what + " fragment " + fragment).doesNotContain("<", ">")
                            .doesNotContainPattern("&(?!(amp|lt|gt|quot|#x27|#39|#x2F);)");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        Map<String, Object> problem = Http.json(response);
        assertThat(problem).containsKeys("type", "title", "status", "detail").containsEntry("status", status);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        assertThat(errors.stream().map(e -> e.get("field"))).as(response.body()).contains(field);
        assertThat(response.body()).doesNotContain("Exception", "dev.articles.", "java.");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
