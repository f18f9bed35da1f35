package dev.articles.dynalite;

import dev.articles.template.ProjectRoot;
import dev.articles.template.SamTemplate;
import dev.articles.template.TableSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The database for JUnit tests in any module: one engine per test JVM, started on first use and stopped when
 * the JVM exits. dynalite by default; moto's server with {@code -Ddynamodb.engine=moto}. Each test class takes
 * its own fresh table from {@link #newTable()}, so tests never see each other's items.
 */
public final class TestDatabase {

    /** The logical id of the table in template.yaml that {@link #newTable()} copies. */
    public static final String TABLE_LOGICAL_ID = "ArticlesTable";
    public static final String ENGINE_PROPERTY = "dynamodb.engine";

    private static TestDatabase shared;

    private final DynamoDbEngine engine;
    private final DynamoDbClient client;
    private final TableSpec tableSpec;
    private final AtomicInteger tables = new AtomicInteger();

    private TestDatabase(DynamoDbEngine engine, TableSpec tableSpec) {
        this.engine = engine;
        this.client = LocalDynamoDb.client(engine.endpoint());
        this.tableSpec = tableSpec;
    }

    /** The test JVM's database, started on the first call. */
    public static synchronized TestDatabase shared() {
        if (shared == null) {
            Path root = ProjectRoot.find();
            TableSpec spec = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE)).table(TABLE_LOGICAL_ID);
            String engineName = System.getProperty(ENGINE_PROPERTY, "dynalite");
            // The engine's own shutdown hook stops it at JVM exit.
            DynamoDbEngine engine = switch (engineName) {
                case "dynalite", "" -> Dynalite.startInMemory(root);
                case "moto" -> MotoServer.start();
                default -> throw new IllegalArgumentException(ENGINE_PROPERTY + "=" + engineName
                        + " is not an engine: use dynalite or moto");
            };
            shared = new TestDatabase(engine, spec);
        }
        return shared;
    }

    public URI endpoint() {
        return engine.endpoint();
    }

    /** {@code dynalite} or {@code moto}. */
    public String engineName() {
        return engine.name();
    }

    /** A client for the engine (us-east-1, dummy static credentials); shared, do not close it. */
    public DynamoDbClient client() {
        return client;
    }

    /** The table declaration {@link #newTable()} follows. */
    public TableSpec tableSpec() {
        return tableSpec;
    }

    /** Creates a fresh, uniquely named table as template.yaml declares ArticlesTable, and returns its name. */
    public String newTable() {
        String name = "articles-test-" + tables.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        TableFactory.createIfAbsent(client, tableSpec, name);
        return name;
    }
}
