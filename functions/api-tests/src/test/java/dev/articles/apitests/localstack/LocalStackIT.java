package dev.articles.apitests.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.articles.apitests.testing.ApiEvent;
import dev.articles.apitests.testing.ApiResponse;
import dev.articles.apitests.testing.TestApi;
import dev.articles.apitests.testing.TestEnvironments;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TableFactory;
import dev.articles.dynalite.TestDatabase;
import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The core's create, fetch and list against LocalStack's DynamoDB, in Docker, with the table created as
 * template.yaml declares it: one more engine beside dynalite and moto. Without a Docker engine (a docker CLI
 * alone is not one) the class is skipped, with that reason, before any image is pulled. Run it alone with
 * {@code infra/mvnw -q verify -pl functions/api-tests -am -Dit.test=LocalStackIT -Dfailsafe.failIfNoSpecifiedTests=false}.
 * LocalStack images after 4.14 need LOCALSTACK_AUTH_TOKEN (passed on when set); {@code -Dlocalstack.image}
 * picks another image.
 */
@EnabledIf(value = "dockerIsAvailable",
        disabledReason = "no Docker engine here, so no LocalStack (dynalite and moto cover the same routes)")
class LocalStackIT {

    static final String IMAGE = System.getProperty("localstack.image", "localstack/localstack:4.14.0");
    static final String TABLE = "articles";

    static LocalStackContainer localstack;
    static TestApi api;

    static boolean dockerIsAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @BeforeAll
    static void start() {
        localstack = new LocalStackContainer(DockerImageName.parse(IMAGE)).withServices("dynamodb");
        Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN")).ifPresent(token -> localstack.withEnv("LOCALSTACK_AUTH_TOKEN", token));
        localstack.start();
        try (DynamoDbClient client = LocalDynamoDb.client(localstack.getEndpoint())) {
            TableFactory.createIfAbsent(client, SamTemplate.load(ProjectRoot.template()).table(TestDatabase.TABLE_LOGICAL_ID), TABLE);
        }
        api = new TestApi(TestEnvironments.of(localstack.getEndpoint(), TABLE));
    }

    @AfterAll
    static void stop() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @Test
    void createThenFetch() {
        ApiResponse created = api.create("{\"title\":\" LocalStack \",\"body\":\"b\",\"author\":\"Ann\",\"tags\":[\"One\",\"one\",\"two\"],"
                + "\"publishedAt\":\"2019-04-30T16:05:00+02:00\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode article = created.json();
        assertThat(article.get("title").asText()).isEqualTo("LocalStack");
        assertThat(article.get("tags")).extracting(JsonNode::asText).containsExactly("one", "two");
        assertThat(article.get("publishedAt").asText()).isEqualTo("2019-04-30T14:05:00Z");

        ApiResponse fetched = api.get(article.get("id").asText());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body()).isEqualTo(created.body());
        assertThat(api.call(ApiEvent.get(article.get("id").asText()).header("If-None-Match", fetched.header("ETag"))).status())
                .isEqualTo(304);
        assertThat(api.get("01JDQ8Z3V4K9T2X7M5N6P8R0SA").status()).isEqualTo(404);
    }

    @Test
    void idempotentCreateReplays() {
        String body = "{\"title\":\"once\",\"body\":\"b\"}";
        ApiResponse first = api.call(ApiEvent.create(body).header("Idempotency-Key", "localstack-1"));
        ApiResponse again = api.call(ApiEvent.create(body).header("Idempotency-Key", "localstack-1"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(api.call(ApiEvent.create(body.replace("once", "twice")).header("Idempotency-Key", "localstack-1")).status())
                .isEqualTo(422);
    }

    @Test
    void everyFilterPagesThroughItsArticlesNewestFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ApiResponse created = api.create("{\"title\":\"page " + i + "\",\"body\":\"b\",\"author\":\"Pager\",\"tags\":[\"paged\"],"
                    + "\"publishedAt\":\"2020-01-0" + (1 + i) + "T00:00:00Z\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.addFirst(created.json().get("id").asText());
        }
        for (String filter : List.of("tag=paged", "author=Pager", "tag=PAGED&author=Pager",
                "author=Pager&since=2020-01-01T00:00:00Z&until=2020-01-08T00:00:00Z")) {
            assertThat(allPages(filter + "&limit=3")).as(filter).isEqualTo(ids);
        }
        assertThat(allPages("limit=2")).containsSubsequence(ids);
        assertThat(allPages("author=Pager&since=2020-01-03T00:00:00Z&until=2020-01-05T00:00:00Z"))
                .containsExactly(ids.get(3), ids.get(4));
        assertThat(api.list("cursor=made-up").status()).isEqualTo(400);
    }

    private static List<String> allPages(String query) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            ApiResponse page = api.list(cursor == null ? query : query + "&cursor=" + cursor);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }
}
