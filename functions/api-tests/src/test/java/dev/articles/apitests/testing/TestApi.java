package dev.articles.apitests.testing;

import dev.articles.http.endpoints.ListArticlesEndpoint;
import dev.articles.http.endpoints.ChangesEndpoint;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.http.endpoints.GetArticleBySlugEndpoint;
import dev.articles.http.endpoints.PreviewArticleEndpoint;
import dev.articles.http.endpoints.PreviewArticlesEndpoint;
import dev.articles.core.routes.GetArticleBySlug;
import dev.articles.core.routes.PreviewArticle;
import dev.articles.core.routes.PreviewArticles;
import dev.articles.http.endpoints.GetArticleEndpoint;
import dev.articles.http.endpoints.CreateArticleEndpoint;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.HttpFunction;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.CreateArticle;
import dev.articles.core.routes.DeleteArticle;
import dev.articles.core.routes.EditArticle;
import dev.articles.core.routes.Editors;
import dev.articles.http.endpoints.DeleteArticleEndpoint;
import dev.articles.http.endpoints.EditArticleEndpoint;
import dev.articles.core.routes.GetArticle;
import dev.articles.core.routes.ListArticles;
import dev.articles.core.routes.WriteAccess;
import dev.articles.http.endpoints.RouteFallback;
import dev.articles.http.endpoints.SearchArticlesEndpoint;
import dev.articles.core.routes.SearchArticles;
import dev.articles.core.store.ArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The API's routes wired exactly as the handlers wire them, against one table, for tests that span
 * routes (create, then fetch and list). Each call goes through a real payload 2.0 event.
 */
public final class TestApi {

    private final HttpFunction create;
    private final HttpFunction get;
    private final HttpFunction list;
    private final HttpFunction edit;
    private final HttpFunction delete;
    private final HttpFunction bySlug;
    private final HttpFunction preview;
    private final HttpFunction previewList;
    private final HttpFunction changes;
    private final HttpFunction search;
    private final HttpFunction fallback;
    private final DynamoDbClient dynamo;
    private final String table;

    public TestApi(Environment env) {
        dynamo = DynamoDbClients.create(env);
        table = env.required("TABLE_NAME");
        RequestDeadline deadline = new RequestDeadline();
        ArticleStore store = new DynamoArticleStore(dynamo, table, deadline, CleanUpWarnings.stdout(env));
        DynamoIdempotencyRecords records = new DynamoIdempotencyRecords(dynamo, table, deadline);
        WriteAccess access = WriteAccess.of(env);
        Clock clock = Clock.systemUTC();
        create = new HttpFunction(env, new CreateArticleEndpoint(new CreateArticle(store, records, access, clock)), deadline);
        Cursors cursors = new Cursors(env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8));
        get = new HttpFunction(env, new GetArticleEndpoint(new GetArticle(store, clock)), deadline);
        list = new HttpFunction(env, new ListArticlesEndpoint(new ListArticles(store, cursors, clock)), deadline);
        changes = new HttpFunction(env, new ChangesEndpoint(new ChangesFeed(store, cursors, clock)), deadline);
        // As the search function under the template's defaults (Search=disabled: 501): these suites run on a
        // DynamoDB engine alone; SearchIT runs the search function on a real OpenSearch node.
        search = new HttpFunction(env, new SearchArticlesEndpoint(SearchArticles.disabled()), deadline);
        bySlug = new HttpFunction(env, new GetArticleBySlugEndpoint(new GetArticleBySlug(store, clock)), deadline);
        Editors editors = new Editors(TestEnvironments.EDITOR_SCOPE, TestEnvironments.EDITOR_GROUP);
        preview = new HttpFunction(env, new PreviewArticleEndpoint(new PreviewArticle(store, access, editors)), deadline);
        previewList = new HttpFunction(env, new PreviewArticlesEndpoint(new PreviewArticles(store, cursors, access, editors, clock)),
                deadline);
        edit = new HttpFunction(env, new EditArticleEndpoint(new EditArticle(store, records, access, editors, clock)), deadline);
        delete = new HttpFunction(env, new DeleteArticleEndpoint(new DeleteArticle(store, records, access, editors, clock)), deadline);
        fallback = new HttpFunction(env, new RouteFallback());
    }

    public static TestApi freshTable() {
        return new TestApi(TestEnvironments.freshTable());
    }

    public ApiResponse create(String json) {
        return call(ApiEvent.create(json));
    }

    public ApiResponse get(String id) {
        return call(ApiEvent.get(id));
    }

    public ApiResponse list(String rawQueryString) {
        return call(ApiEvent.list(rawQueryString));
    }

    /** Routes the event as API Gateway would, by its route key. */
    public ApiResponse call(ApiEvent event) {
        return call(event, new TestContext());
    }

    /** As {@link #call(ApiEvent)}, in an invocation with this context (e.g. its remaining time). */
    public ApiResponse call(ApiEvent event, TestContext context) {
        HttpFunction function = switch (event.routeKey()) {
            case "POST /articles" -> create;
            case "GET /articles/{id}" -> get;
            case "GET /articles" -> list;
            case "PATCH /articles/{id}" -> edit;
            case "DELETE /articles/{id}" -> delete;
            case "GET /articles/by-slug/{slug}" -> bySlug;
            case "GET /preview/articles/{id}" -> preview;
            case "GET /preview/articles" -> previewList;
            case "GET /articles/changes" -> changes;
            case "GET /articles/search" -> search;
            default -> fallback;
        };
        return ApiResponse.invoke(function::handle, event.toJson(), context);
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public String table() {
        return table;
    }
}
