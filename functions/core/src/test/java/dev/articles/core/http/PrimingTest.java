package dev.articles.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.Environment;
import dev.articles.core.idempotency.IdempotencyStore;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.CreateArticle;
import dev.articles.core.routes.GetArticle;
import dev.articles.core.routes.ListArticles;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.DynamoDbClients;
import dev.articles.core.testing.TestEnvironments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** SnapStart priming runs each function's real path against the table, and writes nothing. */
class PrimingTest {

    private final Environment env = TestEnvironments.freshTable();
    private final DynamoDbClient dynamo = DynamoDbClients.create(env);
    private final String table = env.required("TABLE_NAME");
    private final ArticleStore store = new ArticleStore(dynamo, table);
    private final List<Integer> statuses = new ArrayList<>();

    @Test
    void fetchPrimingIsANotFound() {
        Priming.fetch(env, recorded(new GetArticle(store))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(404);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void listPrimingQueriesTheIndex() {
        Priming.list(env, recorded(new ListArticles(store, new Cursors(
                env.required("CURSOR_SIGNING_KEY").getBytes(StandardCharsets.UTF_8))))).beforeCheckpoint(null);

        assertThat(statuses).containsExactly(200);
        assertThat(itemsInTable()).isZero();
    }

    @Test
    void createPrimingIsRejectedAndWritesNothing() {
        Priming.create(env, recorded(new CreateArticle(store, new IdempotencyStore(dynamo, table))), store)
                .beforeCheckpoint(null);

        assertThat(statuses).containsExactly(400);
        assertThat(itemsInTable()).isZero();
    }

    private HttpFunction.Route recorded(HttpFunction.Route route) {
        return request -> {
            try {
                HttpResponse response = route.handle(request);
                statuses.add(response.status());
                return response;
            } catch (ProblemException e) {
                statuses.add(e.problem().status());
                throw e;
            }
        };
    }

    private int itemsInTable() {
        return dynamo.scan(r -> r.tableName(table)).count();
    }
}
