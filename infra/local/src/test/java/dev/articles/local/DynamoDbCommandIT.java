package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.Loopback;
import dev.articles.template.ProjectRoot;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code articles-local.jar dynamodb}: only the engine, with the template's table under the name events/env.json
 * gives the functions, the SAM CLI commands to use it printed, written and read through the real SDK, and
 * stopped cleanly by SIGTERM.
 */
class DynamoDbCommandIT {

    @Test
    void servesTheTemplatesTableForTheSamCliUntilStopped() throws Exception {
        int port = Loopback.freePort();
        List<ProcessHandle> children;
        try (ServeProcess dynamoDb = ServeProcess.start(ProjectRoot.find(),
                ServeProcess.mainCommand("dynamodb", "--port", Integer.toString(port), "--in-memory"))) {
            URI endpoint = dynamoDb.baseUrl();
            assertThat(endpoint).isEqualTo(URI.create("http://127.0.0.1:" + port));
            assertThat(dynamoDb.output()).contains("table " + CommandLine.DEFAULT_TABLE)
                    .contains("  sam build")
                    .contains("  sam local invoke GetArticleFunction -e events/get-article.json --env-vars events/env.json")
                    .contains("  sam local invoke RouteFallbackFunction -e events/route-not-found.json")
                    .contains("  sam local start-api --env-vars events/env.json");
            if (System.getProperty("os.name").startsWith("Linux")) {
                assertThat(dynamoDb.output()).contains(SamCommands.LINUX_ADD_HOST);
            }
            try (DynamoDbClient client = LocalDynamoDb.client(endpoint)) {
                String table = CommandLine.DEFAULT_TABLE;
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                client.describeTable(r -> r.tableName(table)).table().keySchema()
                        .forEach(k -> key.put(k.attributeName(), AttributeValue.fromS("sam-local")));
                Map<String, AttributeValue> item = new LinkedHashMap<>(key);
                item.put("title", AttributeValue.fromS("through the SDK"));
                client.putItem(r -> r.tableName(table).item(item));
                assertThat(client.getItem(r -> r.tableName(table).key(key)).item().get("title").s())
                        .isEqualTo("through the SDK");
            }
            children = dynamoDb.descendants();
            assertThat(children).as("dynalite").isNotEmpty();
            dynamoDb.close(); // SIGTERM, as Ctrl-C
            assertThat(dynamoDb.awaitExit(Duration.ofSeconds(30))).isNotNegative();
            assertThat(dynamoDb.output()).contains("stopping dynalite");
        }
        assertThat(children).noneMatch(ProcessHandle::isAlive);
    }
}
