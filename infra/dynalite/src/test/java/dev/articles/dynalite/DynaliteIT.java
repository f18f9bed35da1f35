package dev.articles.dynalite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import dev.articles.template.TableSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynaliteIT {

    private static final Path ROOT = ProjectRoot.find();
    private static final TableSpec SPEC = SamTemplate.load(ProjectRoot.template()).table();

    @TempDir
    Path dataDir;

    @Test
    void startsAnswersAndStops() {
        Dynalite dynalite = Dynalite.startInMemory(ROOT);
        long pid = dynalite.pid();
        try (DynamoDbClient client = LocalDynamoDb.client(dynalite.endpoint())) {
            assertThat(dynalite.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(client.listTables().tableNames()).isEmpty();
        } finally {
            dynalite.close();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void dataDirKeepsItemsAcrossARestart() {
        try (Dynalite first = Dynalite.startPersistent(ROOT, dataDir);
             DynamoDbClient client = LocalDynamoDb.client(first.endpoint())) {
            TableFactory.createIfAbsent(client, SPEC, "kept");
            client.putItem(r -> r.tableName("kept").item(Map.of(
                    "pk", AttributeValue.fromS("ARTICLE#1"), "sk", AttributeValue.fromS("ARTICLE"),
                    "title", AttributeValue.fromS("survives"))));
        }
        try (Dynalite second = Dynalite.startPersistent(ROOT, dataDir);
             DynamoDbClient client = LocalDynamoDb.client(second.endpoint())) {
            TableFactory.createIfAbsent(client, SPEC, "kept"); // exists: a no-op
            Map<String, AttributeValue> item = client.getItem(r -> r.tableName("kept").consistentRead(true).key(Map.of(
                    "pk", AttributeValue.fromS("ARTICLE#1"), "sk", AttributeValue.fromS("ARTICLE")))).item();
            assertThat(item.get("title").s()).isEqualTo("survives");
        }
    }

    @Test
    void aDataDirInUseIsRefused() {
        try (Dynalite first = Dynalite.startPersistent(ROOT, dataDir)) {
            assertThatThrownBy(() -> Dynalite.startPersistent(ROOT, dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use").hasMessageContaining(dataDir.toString());
        }
        // Free again once the first one stopped.
        Dynalite.startPersistent(ROOT, dataDir).close();
    }

    @Test
    void nodeIsNewEnough() {
        assertThat(NodeRuntime.require()).isGreaterThanOrEqualTo(NodeRuntime.MINIMUM_MAJOR);
    }
}
