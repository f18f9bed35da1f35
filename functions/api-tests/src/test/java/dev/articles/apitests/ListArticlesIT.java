package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging through every filter and combination: each match exactly once, newest first, ties by id. */
class ListArticlesIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> AUTHORS = List.of("Ana", "Bo", "Ana#Bo");
    static final List<List<String>> TAG_SETS = List.of(List.of("politics"), List.of("politics", "economy"), List.of(),
            List.of("Economy", "a#b"), List.of("sport"));
    static final Instant BASE = Instant.parse("2019-04-30T14:05:00Z");

    record Seeded(String id, String author, List<String> tags, Instant publishedAt) {}

    static TestApi api;
    static final List<Seeded> seeded = new ArrayList<>();

    @BeforeAll
    static void seed() throws Exception {
        api = TestApi.freshTable();
        for (int i = 0; i < 45; i++) {
            String author = i % 7 == 0 ? null : AUTHORS.get(i % AUTHORS.size());
            List<String> tags = TAG_SETS.get(i % TAG_SETS.size());
            // Several articles share a publication time, so ties must be broken by id.
            Instant publishedAt = BASE.plusSeconds(3600L * (i / 3));
            ObjectNode input = JSON.createObjectNode().put("title", "Article " + i).put("body", "Body " + i)
                    .put("publishedAt", publishedAt.toString());
            if (author != null) {
                input.put("author", author);
            }
            tags.forEach(input.putArray("tags")::add);
            ApiResponse created = api.create(JSON.writeValueAsString(input));
            assertThat(created.status()).isEqualTo(201);
            seeded.add(new Seeded(created.json().get("id").asText(), author,
                    tags.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList(), publishedAt));
        }
    }

    static List<String> expected(Predicate<Seeded> filter) {
        return seeded.stream().filter(filter)
                .sorted(Comparator.comparing(Seeded::publishedAt).thenComparing(Seeded::id).reversed())
                .map(Seeded::id).toList();
    }

    /** Follows nextCursor from the first page to the last, checking each page's shape. */
    static List<String> walk(String query, int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String q = query + (query.isEmpty() ? "" : "&") + "limit=" + limit
                    + (cursor == null ? "" : "&cursor=" + cursor);
            ApiResponse page = api.list(q);
            assertThat(page.status()).as(q + " -> " + page.body()).isEqualTo(200);
            assertThat(page.header("Cache-Control")).isEqualTo("public, max-age=5");
            JsonNode json = page.json();
            json.get("items").forEach(item -> {
                assertThat(item.has("body")).isFalse();
                ids.add(item.get("id").asText());
            });
            cursor = json.get("nextCursor").isNull() ? null : json.get("nextCursor").asText();
            // nextCursor is null exactly on the last page: a non-null cursor leads to at least one more item
            assertThat(json.get("items").size()).isEqualTo(cursor == null ? json.get("items").size() : limit);
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        return ids;
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Stream<Arguments> filters() {
        Instant since = BASE.plusSeconds(3600L * 3);
        Instant until = BASE.plusSeconds(3600L * 11);
        Predicate<Seeded> window = s -> !s.publishedAt().isBefore(since) && s.publishedAt().isBefore(until);
        return Stream.of(
                Arguments.of("", (Predicate<Seeded>) s -> true),
                Arguments.of("author=Ana", (Predicate<Seeded>) s -> "Ana".equals(s.author())),
                Arguments.of("author=" + q("Ana#Bo"), (Predicate<Seeded>) s -> "Ana#Bo".equals(s.author())),
                Arguments.of("tag=politics", (Predicate<Seeded>) s -> s.tags().contains("politics")),
                Arguments.of("tag=ECONOMY", (Predicate<Seeded>) s -> s.tags().contains("economy")),
                Arguments.of("tag=" + q("a#b"), (Predicate<Seeded>) s -> s.tags().contains("a#b")),
                Arguments.of("tag=economy&author=Bo", (Predicate<Seeded>) s -> s.tags().contains("economy") && "Bo".equals(s.author())),
                Arguments.of("since=" + since, (Predicate<Seeded>) s -> !s.publishedAt().isBefore(since)),
                Arguments.of("until=" + until, (Predicate<Seeded>) s -> s.publishedAt().isBefore(until)),
                Arguments.of("since=" + since + "&until=" + until, window),
                Arguments.of("author=Ana&since=" + since + "&until=" + until, window.and(s -> "Ana".equals(s.author()))),
                Arguments.of("tag=politics&until=" + until, (Predicate<Seeded>) s -> s.tags().contains("politics") && s.publishedAt().isBefore(until)),
                Arguments.of("tag=politics&author=Bo&since=" + since + "&until=" + until,
                        window.and(s -> s.tags().contains("politics") && "Bo".equals(s.author()))),
                Arguments.of("tag=nothing", (Predicate<Seeded>) s -> false));
    }

    @ParameterizedTest
    @MethodSource("filters")
    void pagingVisitsEveryMatchOnceInOrder(String query, Predicate<Seeded> filter) {
        List<String> expected = expected(filter);
        for (int limit : new int[] {1, 4, 20, 100}) {
            assertThat(walk(query, limit)).as(query + " limit " + limit).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void sinceIsInclusiveAndUntilExclusive() {
        Instant t = BASE.plusSeconds(3600L * 2);
        List<String> at = expected(s -> s.publishedAt().equals(t));
        assertThat(at).hasSize(3);
        assertThat(walk("since=" + t + "&until=" + t.plusNanos(1), 10)).containsExactlyElementsOf(at);
        assertThat(walk("until=" + t, 100)).doesNotContainAnyElementsOf(at);
    }

    @Test
    void defaultLimitIs20() {
        ApiResponse page = api.list("");
        assertThat(page.json().get("items")).hasSize(20);
        assertThat(page.json().get("nextCursor").isNull()).isFalse();
    }

    @Test
    void cursorsStayValidWhileArticlesAreCreated() throws Exception {
        TestApi fresh = TestApi.freshTable();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            before.add(fresh.create("{\"title\":\"t" + i + "\",\"body\":\"b\",\"publishedAt\":\"2020-01-01T00:00:" + String.format("%02d", i) + "Z\"}")
                    .json().get("id").asText());
        }
        List<String> seen = new ArrayList<>();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            String cursor = null;
            do {
                // New articles land both before and after the position the walk has reached.
                List<Future<?>> writes = List.of(
                        writers.submit(() -> fresh.create("{\"title\":\"new\",\"body\":\"b\"}")),
                        writers.submit(() -> fresh.create("{\"title\":\"old\",\"body\":\"b\",\"publishedAt\":\"2019-12-31T00:00:00Z\"}")));
                JsonNode page = fresh.list("limit=7" + (cursor == null ? "" : "&cursor=" + cursor)).json();
                page.get("items").forEach(item -> seen.add(item.get("id").asText()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
                for (Future<?> write : writes) {
                    write.get();
                }
            } while (cursor != null);
        } finally {
            writers.shutdown();
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5", "limit=", "limit=0020x",
        "tag=", "tag=%20%20", "tag=a%07b", "author=", "since=yesterday", "until=2019-04-30", "cursor=abc",
        "since=2020-01-01T00:00:00Z&until=2019-01-01T00:00:00Z", "since=2020-01-01T00:00:00Z&until=2020-01-01T00:00:00Z",
        "tags=politics", "tag=a&tag=b", "limit=5&limit=5", "tag=%E0%A4"})
    void invalidParametersAre400NamingTheParameter(String query) {
        ApiResponse response = api.list(query);
        assertThat(response.status()).as(query).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:articles:problem:invalid-parameter");
        String name = query.substring(0, query.indexOf('='));
        assertThat(response.errorFields()).as(query).containsAnyOf(name, "until");
    }

    @Test
    void cursorFromOtherFiltersIs400() {
        String cursor = api.list("tag=politics&limit=1").json().get("nextCursor").asText();
        ApiResponse response = api.list("tag=economy&limit=1&cursor=" + cursor);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("cursor");
        assertThat(api.list("tag=politics&limit=50&cursor=" + cursor).status()).isEqualTo(200); // the limit may change
    }

    @Test
    void alteredCursorsAre400NeverAServerError() {
        String cursor = api.list("limit=2").json().get("nextCursor").asText();
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : new char[] {'A', '_', '-', 'z'}) {
                String altered = cursor.substring(0, i) + c + cursor.substring(i + 1);
                if (!altered.equals(cursor)) {
                    assertThat(api.list("limit=2&cursor=" + altered).status()).isEqualTo(400);
                }
            }
        }
        assertThat(Map.of("truncated", api.list("limit=2&cursor=" + cursor.substring(0, cursor.length() - 3)).status()))
                .containsEntry("truncated", 400);
    }
}
