package dev.articles.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.core.Environment;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.CreateArticle;
import dev.articles.core.routes.DeleteArticle;
import dev.articles.core.routes.EditArticle;
import dev.articles.core.routes.Editors;
import dev.articles.core.routes.GetArticle;
import dev.articles.core.routes.GetArticleBySlug;
import dev.articles.core.routes.ListArticles;
import dev.articles.core.routes.PreviewArticle;
import dev.articles.core.routes.PreviewArticles;
import dev.articles.core.routes.SearchArticles;
import dev.articles.core.routes.WriteAccess;
import dev.articles.core.store.ArticleStore;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.http.DomainProblems;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpResponse;
import dev.articles.http.Priming;
import dev.articles.http.endpoints.ChangesEndpoint;
import dev.articles.http.endpoints.CreateArticleEndpoint;
import dev.articles.http.endpoints.DeleteArticleEndpoint;
import dev.articles.http.endpoints.EditArticleEndpoint;
import dev.articles.http.endpoints.GetArticleBySlugEndpoint;
import dev.articles.http.endpoints.GetArticleEndpoint;
import dev.articles.http.endpoints.ListArticlesEndpoint;
import dev.articles.http.endpoints.PreviewArticleEndpoint;
import dev.articles.http.endpoints.PreviewArticlesEndpoint;
import dev.articles.http.endpoints.SearchArticlesEndpoint;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * SnapStart priming runs each function's real path against the table, and writes nothing; the writes' too where
 * writes are authenticated (as deployed by default), past the check of the token's claims.
 */
class PrimingIT {

    private final Environment env = TestEnvironments.freshTable();
    private final DynamoDbClient dynamo = DynamoDbClients.create(env);
    private final String table = env.required("TABLE_NAME");
    private final ArticleStore store = new DynamoArticleStore(dynamo, table);
    private final List<Integer> statuses = new ArrayList<>();

    @Test
    void fetchPrimingIsANotFound() {
        Priming.fetch(env, recorded(new GetArticleEndpoint(new GetArticle(store, Clock.systemUTC())))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(404);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void listPrimingQueriesTheIndex() {
        Priming.list(env, recorded(new ListArticlesEndpoint(new ListArticles(store, new Cursors(
                env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8)), Clock.systemUTC())))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(200);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void changesPrimingQueriesTheFeed() {
        Priming.changes(env, recorded(new ChangesEndpoint(new ChangesFeed(store, new Cursors(
                env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8)), Clock.systemUTC())))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(200);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void bySlugPrimingIsANotFound() {
        Priming.bySlug(env, recorded(new GetArticleBySlugEndpoint(new GetArticleBySlug(store, Clock.systemUTC())))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(404);
        assertThat(itemsInTable()).isZero();
    }

    /** As deployed by default, previews authenticated: priming's own subject gets past the token check to the store. */
    @Test
    void previewPrimingReadsPastTheTokenCheck() {
        Editors editors = new Editors(TestEnvironments.EDITOR_SCOPE, TestEnvironments.EDITOR_GROUP);
        Priming.previewFetch(env, recorded(new PreviewArticleEndpoint(new PreviewArticle(store, WriteAccess.AUTHENTICATED, editors))))
                .beforeCheckpoint(null);
        Priming.previewList(env, recorded(new PreviewArticlesEndpoint(new PreviewArticles(store, new Cursors(
                env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8)), WriteAccess.AUTHENTICATED, editors,
                Clock.systemUTC())))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(404, 200);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void createPrimingIsRejectedAndWritesNothing() {
        Priming.create(env, recorded(new CreateArticleEndpoint(new CreateArticle(store, new DynamoIdempotencyRecords(dynamo, table),
                        WriteAccess.AUTHENTICATED, Clock.systemUTC()))),
                () -> store.get(Priming.ABSENT_ID))
                .beforeCheckpoint(null);

        assertThat(statuses).containsExactly(400);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void editAndDeletePrimingAreNotFoundsAndWriteNothing() {
        Editors editors = new Editors(TestEnvironments.EDITOR_SCOPE, TestEnvironments.EDITOR_GROUP);
        Priming.change(env, recorded(new EditArticleEndpoint(
                new EditArticle(store, new DynamoIdempotencyRecords(dynamo, table), WriteAccess.AUTHENTICATED, editors,
                        Clock.systemUTC()))), "PATCH").beforeCheckpoint(null);
        Priming.change(env, recorded(new DeleteArticleEndpoint(
                new DeleteArticle(store, new DynamoIdempotencyRecords(dynamo, table), WriteAccess.AUTHENTICATED, editors,
                        Clock.systemUTC()))), "DELETE").beforeCheckpoint(null);

        assertThat(statuses).containsExactly(404, 404);
        assertThat(itemsInTable()).isZero();
    }

    /** Where search is off, its priming runs the 501 path: nothing else to load. */
    @Test
    void searchPrimingWithSearchOffIsNotImplemented() {
        Priming.search(env, recorded(new SearchArticlesEndpoint(SearchArticles.disabled()))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(501);
    }

    private HttpFunction.Endpoint recorded(HttpFunction.Endpoint endpoint) {
        return request -> {
            try {
                HttpResponse response = endpoint.handle(request);
                statuses.add(response.status());
                return response;
            } catch (RuntimeException e) {
                statuses.add(DomainProblems.of(e).problem().status());
                throw e;
            }
        };
    }

    private int itemsInTable() {
        return dynamo.scan(r -> r.tableName(table)).count();
    }
}
