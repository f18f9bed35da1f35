package dev.articles.dynamodb;

import static dev.articles.dynamodb.Attributes.s;

import dev.articles.core.RequestDeadline;
import dev.articles.core.article.Timestamps;
import dev.articles.core.search.IndexCursor;
import dev.articles.core.search.IndexCursorMovedException;
import dev.articles.core.search.IndexCursorStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * The search indexer's cursor: one item in the articles' table, read with a consistent GetItem, saved with a PutItem
 * conditional on the cursor read before it (docs/data-model.md, Search index).
 */
public final class DynamoIndexCursorStore implements IndexCursorStore {

    /** The item's key: the template's stream filter and the indexer's IAM condition name it. */
    public static final String PK = "INDEXER#search";
    public static final String SK = "CURSOR";

    private static final Map<String, AttributeValue> KEY = Map.of(Keys.PK, s(PK), Keys.SK, s(SK));
    private static final Map<String, String> NAMES = Map.of("#position", "position", "#index", "index");

    private final DynamoDbClient dynamo;
    private final String table;
    private final Dynamo calls;

    public DynamoIndexCursorStore(DynamoDbClient dynamo, String table, RequestDeadline deadline) {
        this.dynamo = dynamo;
        this.table = table;
        this.calls = new Dynamo(deadline);
    }

    @Override
    public Optional<IndexCursor> read() {
        Map<String, AttributeValue> item = calls.call("read the search cursor", timeout -> dynamo.getItem(r -> r
                .overrideConfiguration(timeout).tableName(table).key(KEY).consistentRead(true))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Instant updatedAt = Instant.parse(item.get("updatedAt").s());
        // A cursor saved before startedAt was kept (a local data directory): its last save is the nearest known.
        AttributeValue startedAt = item.get("startedAt");
        return Optional.of(new IndexCursor(item.get("position").s(), item.get("index").s(), item.get("building").bool(),
                startedAt == null ? updatedAt : Instant.parse(startedAt.s()), updatedAt));
    }

    @Override
    public void save(Optional<IndexCursor> previous, IndexCursor next) {
        Map<String, AttributeValue> item = new HashMap<>(KEY);
        item.put("position", s(next.position()));
        item.put("index", s(next.index()));
        item.put("building", AttributeValue.fromBool(next.building()));
        item.put("startedAt", s(Timestamps.formatMillis(next.startedAt())));
        item.put("updatedAt", s(Timestamps.formatMillis(next.updatedAt())));
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(item);
        if (previous.isEmpty()) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("#position = :position AND #index = :index").expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":position", s(previous.get().position()), ":index", s(previous.get().index())));
        }
        try {
            calls.call("save the search cursor", timeout -> dynamo.putItem(put.overrideConfiguration(timeout).build()));
        } catch (ConditionalCheckFailedException e) {
            throw new IndexCursorMovedException();
        }
    }
}
