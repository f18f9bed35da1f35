package dev.articles.apitests.deployment;

import dev.articles.dynamodb.DynamoArticleStore;
import static dev.articles.apitests.deployment.ProjectTemplate.TABLE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Status;
import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.dynamodb.ArticleItems;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.dynalite.TestDatabase;
import dev.articles.faultproxy.Fault;
import dev.articles.faultproxy.FaultProxy;
import dev.articles.faultproxy.OperationCounts;
import dev.articles.template.PolicyStatement;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function's IAM policy allows exactly the DynamoDB operations its code calls, on exactly the resources it
 * touches. What the code calls is measured, not read: every path of the function's route runs through a proxy
 * in front of the engine, which counts the operations it forwards.
 */
class LeastPrivilegeIT {

    static final String BODY = "{\"title\":\"Least\",\"body\":\"privilege\",\"author\":\"Ann\",\"tags\":[\"iam\",\"policy\"]}";
    /**
     * A zero delay on every Query of each of the table's indexes, by name: each one's hits tell which indexes the code
     * queried, and all their hits together its index queries from its table queries.
     */
    static final Map<String, Fault> INDEX_QUERY_MARKERS = ProjectTemplate.TEMPLATE.table().globalSecondaryIndexes().stream()
            .collect(Collectors.toMap(index -> ProjectTemplate.indexArn(index.name()),
                    index -> Fault.delay(Duration.ZERO).on("Query").matching("\"IndexName\":\"" + index.name() + "\"")));
    /** The subject of the reporter whose articles the preview list shows a reporter. */
    static final String REPORTER = "iam-reporter";

    static FaultProxy proxy;
    static TestApi direct;
    static TestApi measured;
    static DynamoIdempotencyRecords records;
    static String articleId;

    /** Every path of each route, run through the measured API; each asserts it took the path it names. */
    static final Map<String, Consumer<TestApi>> PATHS = Map.ofEntries(
            Map.entry("POST /articles", LeastPrivilegeIT::createPaths),
            Map.entry("GET /articles/{id}", LeastPrivilegeIT::getPaths),
            Map.entry("GET /articles", LeastPrivilegeIT::listPaths),
            Map.entry("PATCH /articles/{id}", LeastPrivilegeIT::editPaths),
            Map.entry("DELETE /articles/{id}", LeastPrivilegeIT::deletePaths),
            Map.entry("GET /articles/by-slug/{slug}", LeastPrivilegeIT::bySlugPaths),
            Map.entry("GET /preview/articles/{id}", LeastPrivilegeIT::previewPaths),
            Map.entry("GET /preview/articles", LeastPrivilegeIT::previewListPaths),
            Map.entry("GET /articles/changes", LeastPrivilegeIT::changesPaths),
            Map.entry("GET /articles/search", LeastPrivilegeIT::searchPaths),
            Map.entry("$default", LeastPrivilegeIT::fallbackPaths));

    @BeforeAll
    static void start() {
        Environment env = TestEnvironments.freshTable();
        proxy = FaultProxy.start(TestDatabase.shared().endpoint());
        direct = new TestApi(env);
        measured = new TestApi(TestEnvironments.via(env, proxy.endpoint()));
        records = new DynamoIdempotencyRecords(direct.dynamo(), direct.table());
        articleId = status(201, direct.create(BODY)).json().get("id").asText();
        // Tag entries left pending by a create whose last step failed, and by one that failed at its commit:
        // the list must confirm them against the article item.
        Article stored = new DynamoArticleStore(direct.dynamo(), direct.table()).get(articleId).orElseThrow();
        Article uncommitted = new Article(new ArticleIds().next(Instant.now()), "failed", Status.PUBLISHED, "Failed", null, "b", "Ann", null, null,
                List.of("iam"), Instant.now(), Instant.now(), Instant.now());
        for (Article article : List.of(stored, uncommitted)) {
            direct.dynamo().putItem(r -> r.tableName(direct.table()).item(ArticleItems.tagEntry(article, "iam")));
        }
        // A reporter's articles, a draft among them, for the preview list's two indexes (every article, the reporter's).
        for (String body : List.of(BODY, BODY.replace("{", "{\"status\":\"draft\","))) {
            status(201, direct.call(ApiEvent.create(body).claim("sub", REPORTER)));
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    static List<String> functionIds() {
        return ProjectTemplate.functionIds();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionIds")
    void policyAllowsExactlyWhatTheCodeCalls(String functionId) {
        proxy.clear();
        INDEX_QUERY_MARKERS.values().forEach(proxy::inject);
        List<String> routeKeys = ProjectTemplate.routeKeys(functionId);
        assertThat(routeKeys).isNotEmpty().allSatisfy(key -> assertThat(PATHS).containsKey(key));
        routeKeys.forEach(key -> PATHS.get(key).accept(measured));
        Map<String, OperationCounts> calls = proxy.counts();
        Set<String> queriedIndexes = new TreeSet<>();
        INDEX_QUERY_MARKERS.forEach((arn, marker) -> {
            if (proxy.hits(marker) > 0) {
                queriedIndexes.add(arn);
            }
        });
        proxy.clear();

        Map<String, Set<String>> used = new TreeMap<>();
        calls.forEach((operation, counts) -> {
            Set<String> resources = new TreeSet<>();
            if (counts.requests() > counts.faults()) {
                resources.add(TABLE_ARN);
            }
            if (operation.equals("Query")) {
                resources.addAll(queriedIndexes);
            }
            used.put("dynamodb:" + operation, resources);
        });
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (PolicyStatement statement : ProjectTemplate.policy(functionId)) {
            assertThat(statement.effect()).isEqualTo("Allow");
            statement.actions().forEach(action -> allowed.computeIfAbsent(action, a -> new TreeSet<>()).addAll(statement.resources()));
        }
        assertThat(allowed).as("%s: allowed actions and resources vs. those its code used", functionId).isEqualTo(used);
    }

    static void createPaths(TestApi api) {
        status(201, api.create(BODY));
        status(201, api.create("{\"title\":\"No tags\",\"body\":\"b\"}"));
        status(201, keyed(api, "iam-1", BODY));
        assertThat(status(201, keyed(api, "iam-1", BODY)).header("Idempotent-Replayed")).isEqualTo("true");
        status(422, keyed(api, "iam-1", BODY.replace("Least", "Other")));
        records.claim(key("iam-held"), new ArticleIds().next(Instant.now()), Instant.now());
        status(409, keyed(api, "iam-held", BODY));
        Instant died = Instant.now().minusSeconds(60);
        records.claim(key("iam-died"), new ArticleIds().next(died), died);
        status(201, keyed(api, "iam-died", BODY));
        // A create resumed after its article was committed and then deleted: it removes its own tag entries.
        String deletedId = new ArticleIds().next(died);
        Instant createdAt = ArticleIds.timestamp(deletedId);
        DynamoArticleStore store = new DynamoArticleStore(direct.dynamo(), direct.table());
        store.create(new Article(deletedId, "least-deleted", Status.PUBLISHED, "Least", null, "privilege", "Ann", null, null, List.of("iam", "policy"),
                createdAt, createdAt, createdAt), null, true, Instant.now());
        store.delete(deletedId, current -> { }, Instant.now());
        records.claim(key("iam-deleted"), deletedId, died);
        status(410, keyed(api, "iam-deleted", BODY));
    }

    static void editPaths(TestApi api) {
        String id = status(201, direct.create(BODY)).json().get("id").asText();
        String etag = direct.get(id).header("ETag");
        status(200, api.call(ApiEvent.edit(id, "{\"tags\":[\"iam\",\"edited\"]}").header("If-Match", etag)));
        status(412, api.call(ApiEvent.edit(id, "{\"title\":\"stale\"}").header("If-Match", etag)));
        status(200, api.call(ApiEvent.edit(id, "{\"title\":\"keyed\"}").header("If-Match", "*").header("Idempotency-Key", "iam-edit")));
        status(200, api.call(ApiEvent.edit(id, "{\"title\":\"keyed\"}").header("If-Match", "*").header("Idempotency-Key", "iam-edit")));
        status(404, api.call(ApiEvent.edit(new ArticleIds().next(Instant.now()), "{}").header("If-Match", "*")));
    }

    static void deletePaths(TestApi api) {
        String id = status(201, direct.create(BODY)).json().get("id").asText();
        String etag = direct.get(id).header("ETag");
        status(412, api.call(ApiEvent.delete(id).header("If-Match", "\"stale\"")));
        status(204, api.call(ApiEvent.delete(id).header("If-Match", etag).header("Idempotency-Key", "iam-delete")));
        status(204, api.call(ApiEvent.delete(id).header("If-Match", etag).header("Idempotency-Key", "iam-delete")));
        status(410, api.call(ApiEvent.delete(id).header("If-Match", "*")));
        status(404, api.call(ApiEvent.delete(new ArticleIds().next(Instant.now())).header("If-Match", "*")));
    }

    static void getPaths(TestApi api) {
        status(200, api.get(articleId));
        status(404, api.get(new ArticleIds().next(Instant.now())));
        status(404, api.get("not-an-id"));
    }

    static void listPaths(TestApi api) {
        List<String> filters = List.of("", "tag=iam", "author=Ann", "tag=iam&author=Ann", "since=2000-01-01T00:00:00Z",
                "until=2999-01-01T00:00:00Z", "tag=iam&since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z");
        int items = 0;
        for (String filter : filters) {
            String query = filter.isEmpty() ? "limit=1" : filter + "&limit=1";
            List<String> pages = new ArrayList<>();
            String cursor = null;
            do {
                ApiResponse page = status(200, api.list(cursor == null ? query
                        : query + "&cursor=" + cursor));
                pages.add(page.body());
                items += page.json().get("items").size();
                cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            } while (cursor != null);
            assertThat(pages).as("pages of %s", filter).hasSizeGreaterThan(1);
        }
        assertThat(items).isPositive();
        assertThat(proxy.counts("GetItem").requests()).as("pending entries confirmed").isPositive();
    }

    static void bySlugPaths(TestApi api) {
        ApiResponse created = status(201, direct.create(BODY.replace("{", "{\"slug\":\"least-privilege-before\",")));
        String id = created.json().get("id").asText();
        status(200, api.call(ApiEvent.bySlug("least-privilege-before")));
        status(200, direct.call(ApiEvent.edit(id, "{\"slug\":\"least-privilege-after\"}").header("If-Match", "*")));
        assertThat(status(301, api.call(ApiEvent.bySlug("least-privilege-before"))).header("Location"))
                .isEqualTo("/articles/by-slug/least-privilege-after");
        status(200, api.call(ApiEvent.bySlug("least-privilege-after")));
        status(404, api.call(ApiEvent.bySlug("no-article-has-this-slug")));
        status(404, api.call(ApiEvent.bySlug("Not--A-Slug")));
    }

    static void previewPaths(TestApi api) {
        status(200, api.call(ApiEvent.preview(articleId)));
        String deleted = status(201, direct.create(BODY)).json().get("id").asText();
        status(204, direct.call(ApiEvent.delete(deleted).header("If-Match", "*")));
        status(410, api.call(ApiEvent.preview(deleted)));
        status(404, api.call(ApiEvent.preview(new ArticleIds().next(Instant.now()))));
        status(404, api.call(ApiEvent.preview("not-an-id")));
    }

    /** As the list's paths, as an editor (every article) and as a reporter (theirs). */
    static void previewListPaths(TestApi api) {
        List<String> filters = List.of("", "status=draft", "status=live", "tag=iam", "author=Ann",
                "since=2000-01-01T00:00:00Z&until=2999-01-01T00:00:00Z");
        for (String reporter : Arrays.asList(null, REPORTER)) {
            for (String filter : filters) {
                String query = filter.isEmpty() ? "limit=1" : filter + "&limit=1";
                String cursor = null;
                do {
                    ApiEvent event = ApiEvent.previewList(cursor == null ? query : query + "&cursor=" + cursor);
                    ApiResponse page = status(200, api.call(reporter == null ? event : event.claim("sub", reporter)));
                    cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
                } while (cursor != null);
            }
        }
    }

    /**
     * A walk of the feed one change a page, from the start to what has settled; an article created and one deleted a
     * minute ago (by a store whose clock says so) are in it, the first rescheduled since. A made-up cursor and a bad
     * limit read nothing.
     */
    static void changesPaths(TestApi api) {
        Instant past = Instant.now().minusSeconds(60);
        DynamoArticleStore store = new DynamoArticleStore(direct.dynamo(), direct.table(), new RequestDeadline(),
                (id, left, cause) -> {
                    throw cause;
                }, Clock.fixed(past, ZoneOffset.UTC));
        List<String> ids = new ArrayList<>();
        for (String slug : List.of("least-changes-kept", "least-changes-deleted")) {
            String id = new ArticleIds().next(past);
            store.create(new Article(id, slug, Status.PUBLISHED, "Least", null, "privilege", "Ann", null, null, List.of("iam"),
                    past, past, past), null, true, past);
            ids.add(id);
        }
        store.delete(ids.getLast(), current -> { }, past);
        // Rescheduled while live, to go live again half a minute ago: its go-live entry is read with its article item.
        store.edit(ids.getFirst(), current -> {
            Article a = current.article();
            return new Article(a.id(), a.slug(), a.status(), a.title(), a.summary(), a.body(), a.author(), a.source(),
                    a.sourceUrl(), a.tags(), past.plusSeconds(30), a.createdAt(), a.updatedAt());
        }, past);
        Set<String> types = new TreeSet<>();
        int pages = 0;
        String cursor = null;
        boolean more;
        do {
            ApiResponse page = status(200, api.call(ApiEvent.changes(cursor == null ? "limit=1" : "limit=1&cursor=" + cursor)));
            page.json().get("changes").forEach(change -> types.add(change.get("type").asText()));
            cursor = page.json().get("cursor").asText();
            more = page.json().get("more").asBoolean();
            pages++;
        } while (more);
        assertThat(types).containsExactly("delete", "upsert");
        assertThat(pages).isGreaterThan(2);
        status(400, api.call(ApiEvent.changes("cursor=eyJwayI6IkFSVElDTEUjMSJ9")));
        status(400, api.call(ApiEvent.changes("limit=0")));
    }

    /**
     * With the template's defaults search is off: the function answers 501 and touches no table (its es: and
     * Secrets Manager statements are checked by infra/template-tests). Its engine calls with search on are not
     * measured here: this IT measures DynamoDB calls through the fault proxy, and the indexer, which exists only
     * with Search=enabled, is not in the template it loads.
     */
    static void searchPaths(TestApi api) {
        status(501, api.call(ApiEvent.search("q=least")));
        status(501, api.call(ApiEvent.search("")));
    }

    static void fallbackPaths(TestApi api) {
        status(404, api.call(ApiEvent.unrouted("GET", "/nothing")));
        status(405, api.call(ApiEvent.unrouted("DELETE", "/articles")));
        status(405, api.call(ApiEvent.unrouted("PUT", "/articles/" + articleId)));
    }

    static ApiResponse keyed(TestApi api, String key, String body) {
        return api.call(ApiEvent.create(body).header("Idempotency-Key", key));
    }

    static IdempotencyKey key(String key) {
        return IdempotencyKey.of(Optional.of(key), "", "POST /articles", BODY.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    }

    static ApiResponse status(int expected, ApiResponse response) {
        assertThat(response.status()).as(response.body()).isEqualTo(expected);
        return response;
    }
}
