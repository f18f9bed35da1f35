package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import dev.articles.template.ResolvedJars;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The example client of GET /articles/changes, against the local API served with the real jars: a device that
 * stores the cursor and applies every change in order holds exactly what the public routes show, through creates,
 * edits, deletes, an unpublish and a scheduled go-live. The feed holds back its last 5 seconds, so each step waits
 * (polling, as a device would) until its changes have come through, then compares the copy with the public list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncClientIT {

    private static final Path ROOT = ProjectRoot.find();
    /** The contract's cap on a page of the feed. */
    private static final int MAX_PAGE_BYTES = 1_000_000;

    private ServeProcess serve;
    private URI api;

    /** The example client: the device's copy by id, and the cursor it keeps between syncs. */
    final class Device {
        final Map<String, Map<String, Object>> articles = new HashMap<>();
        String cursor;
        final Set<String> typesSeen = new TreeSet<>();

        /** Calls until more is false, applying each change in order; returns the pages it took. */
        List<Map<String, Object>> sync(int limit) {
            List<Map<String, Object>> pages = new ArrayList<>();
            boolean more;
            do {
                HttpResponse<String> response = Http.get(api, "/articles/changes?limit=" + limit
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_PAGE_BYTES);
                Map<String, Object> page = Http.json(response);
                for (Object item : (List<?>) page.get("changes")) {
                    Map<String, Object> change = Http.map(item);
                    typesSeen.add((String) change.get("type"));
                    if (change.get("type").equals("upsert")) {
                        Map<String, Object> article = Http.map(change.get("article"));
                        articles.put((String) article.get("id"), article);
                    } else {
                        articles.remove((String) change.get("id"));
                    }
                }
                cursor = (String) page.get("cursor");
                more = (Boolean) page.get("more");
                pages.add(page);
            } while (more);
            return pages;
        }
    }

    @BeforeAll
    void start() {
        ResolvedJars.requireTemplateJars(ROOT);
        serve = ServeProcess.start(ROOT, "--in-memory");
        api = serve.baseUrl();
    }

    @AfterAll
    void stop() {
        serve.close();
    }

    @Test
    @Order(1)
    void aDevicesCopyIsThePublicListAfterEverySync() {
        Device device = new Device();
        Set<String> expected = new TreeSet<>();
        String a = create("Alpha", null, null, expected);
        String b = create("Beta", null, null, expected);
        String c = create("Gamma", null, null, expected);
        create("Draft", "draft", null, expected);
        // Polls as a device would, until the feed has let through the last write (it holds back 5 seconds).
        Eventually.holds(() -> {
            device.sync(2);
            assertThat(device.articles.keySet()).isEqualTo(expected);
        });
        assertThat(device.articles).isEqualTo(live());

        assertThat(patch(a, "{\"title\":\"Alpha, edited\"}").get("title")).isEqualTo("Alpha, edited");
        assertThat(Http.send(api, "DELETE", "/articles/" + b, null, "If-Match", "*").statusCode()).isEqualTo(204);
        expected.remove(b);
        if ("draft".equals(patch(c, "{\"status\":\"draft\"}").get("status"))) {
            expected.remove(c); // unpublished: a delete on the feed
        }
        Eventually.holds(() -> {
            device.sync(2);
            assertThat(device.articles.keySet()).isEqualTo(expected);
            assertThat(device.articles.get(a)).containsEntry("title", "Alpha, edited");
        });
        assertThat(device.articles).isEqualTo(live());

        // Live a few seconds from now, with no write then: the feed brings it at its publishedAt.
        String scheduled = create("Embargoed", null, Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS), expected);
        Eventually.holds(() -> {
            device.sync(2);
            assertThat(device.articles).containsKey(scheduled);
            assertThat(device.articles.keySet()).isEqualTo(expected);
        });
        assertThat(device.articles).isEqualTo(live());
        assertThat(device.typesSeen).containsExactly("delete", "upsert");

        List<Map<String, Object>> upToDate = device.sync(2);
        assertThat(upToDate).as("up to date: one page with nothing in it").singleElement()
                .satisfies(page -> assertThat((List<?>) page.get("changes")).isEmpty());
    }

    /** 11 articles of 95 KB cannot share a page of 1,000,000 bytes: a page ends early, the next goes on after it. */
    @Test
    @Order(2)
    void pagesStayUnderOneMillionBytesWithLargeBodies() {
        List<String> large = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            large.add(create("Large " + i, null, null, "x".repeat(95_000), new TreeSet<>()));
        }
        Eventually.holds(() -> {
            Device device = new Device();
            List<Map<String, Object>> pages = device.sync(100);
            assertThat(device.articles).containsKeys(large.toArray(String[]::new));
            assertThat(pages).anySatisfy(page -> {
                assertThat(page.get("more")).isEqualTo(true);
                assertThat((List<?>) page.get("changes")).hasSizeLessThan(100);
            });
        });
    }

    @Test
    void theFeedIsPublicCachableAndAnsweredToOtherOrigins() {
        HttpResponse<String> page = Http.get(api, "/articles/changes", "Origin", "https://app.example");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("cache-control")).contains("public, max-age=5");
        assertThat(page.headers().firstValue("access-control-allow-origin")).contains("*");
        HttpResponse<String> preflight = Http.send(api, "OPTIONS", "/articles/changes", null, "Origin", "https://app.example",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("*");

        HttpResponse<String> altered = Http.get(api, "/articles/changes?cursor=AAAA");
        assertThat(altered.statusCode()).isEqualTo(400);
        assertThat(Http.json(altered)).containsEntry("type", "urn:articles:problem:invalid-parameter");
    }

    /** What the public routes show now: each article of the list, as its fetch answers it. */
    private Map<String, Map<String, Object>> live() {
        Map<String, Map<String, Object>> live = new HashMap<>();
        String next = null;
        do {
            Map<String, Object> page = Http.json(Http.get(api, "/articles?limit=100"
                    + (next == null ? "" : "&cursor=" + URLEncoder.encode(next, StandardCharsets.UTF_8))));
            for (Object item : (List<?>) page.get("items")) {
                String id = (String) Http.map(item).get("id");
                HttpResponse<String> fetched = Http.get(api, "/articles/" + id);
                assertThat(fetched.statusCode()).isEqualTo(200);
                live.put(id, Http.json(fetched));
            }
            next = (String) page.get("nextCursor");
        } while (next != null);
        return live;
    }

    private String create(String title, String status, Instant publishedAt, Set<String> published) {
        return create(title, status, publishedAt, "The body of " + title + ".", published);
    }

    /** Creates the article, and adds its id to {@code published} when the answer says it is (or will be) published. */
    private String create(String title, String status, Instant publishedAt, String body, Set<String> published) {
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", title);
        article.put("body", body);
        if (status != null) {
            article.put("status", status);
        }
        if (publishedAt != null) {
            article.put("publishedAt", publishedAt.toString());
        }
        HttpResponse<String> created = Http.send(api, "POST", "/articles", PlainJson.write(article), "Content-Type", "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) Http.json(created).get("id");
        if ("published".equals(Http.json(created).get("status"))) {
            published.add(id);
        }
        return id;
    }

    /** The article as the edit answered it. */
    private Map<String, Object> patch(String id, String json) {
        HttpResponse<String> edited = Http.send(api, "PATCH", "/articles/" + id, json.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/merge-patch+json", "If-Match", "*");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        return Http.json(edited);
    }
}
