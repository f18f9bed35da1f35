package dev.articles.index;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.core.routes.IndexChanges;
import dev.articles.dynamodb.DynamoArticleStore;
import dev.articles.dynamodb.DynamoDbClients;
import dev.articles.dynamodb.DynamoIndexCursorStore;
import dev.articles.http.CleanUpWarnings;
import dev.articles.http.EmbeddedMetrics;
import dev.articles.http.Json;
import dev.articles.opensearch.OpenSearchClient;
import dev.articles.opensearch.OpenSearchDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The search indexer's function: one run of {@link IndexChanges} per invocation. Its event says only "now": the
 * table's stream (a write), a one-minute schedule (scheduled go-lives, and any wake-up lost), or a direct invoke;
 * only {@code {"reindex": true}} means more, a rebuild from scratch. Every run logs one JSON line with what it did,
 * the index's lag as the metric {@value #LAG_METRIC} and whether a rebuild is under way as {@value #REBUILDING_METRIC}
 * (Embedded Metric Format), and answers the same JSON.
 */
public final class IndexArticlesHandler implements RequestStreamHandler {

    /** The metric the template's lag alarm watches (namespace {@link EmbeddedMetrics#NAMESPACE}). */
    public static final String LAG_METRIC = "SearchIndexLagSeconds";
    /**
     * 1 when the run ended in an unfinished rebuild, else 0: what tells a lag that grows during a rebuild (the time
     * since it began, see {@link IndexChanges.Run#lag}) from an index falling behind.
     */
    public static final String REBUILDING_METRIC = "SearchIndexRebuilding";
    /**
     * Kept from the invocation's remaining time after the last page starts: its read (DynamoDB calls end within
     * 4 s), its bulk (up to {@link #ENGINE_TIMEOUT}) and the cursor save, so a run ends before Lambda stops it.
     */
    static final Duration RESERVE = Duration.ofSeconds(40);
    /** How long a call to the engine may wait for its answer: a page's bulk, an index created. */
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(30);

    private final String function;
    private final Optional<IndexChanges> indexer;
    private final RequestDeadline deadline;
    private final Clock clock;
    private final PrintStream log;

    /** Lambda's constructor: runs once per JVM, in the init phase. */
    public IndexArticlesHandler() {
        this(Environment.system());
    }

    IndexArticlesHandler(Environment env) {
        this.function = env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse("index-articles");
        this.deadline = new RequestDeadline();
        this.clock = Clock.systemUTC();
        this.log = System.out;
        // Search off (no engine): nothing to index; a run says so and ends.
        this.indexer = OpenSearchClient.create(env, ENGINE_TIMEOUT).map(client -> {
            DynamoDbClient dynamo = DynamoDbClients.create(env);
            String table = env.required("TABLE_NAME");
            // The indexer keeps a raw position in the table: no cursor to sign, no key to load.
            ChangesFeed feed = new ChangesFeed(new DynamoArticleStore(dynamo, table, deadline, CleanUpWarnings.stdout(env)), clock);
            return new IndexChanges(feed, new OpenSearchDocuments(client, OpenSearchClient.index(env)),
                    new DynamoIndexCursorStore(dynamo, table, deadline), clock, IndexArticlesHandler::sleep);
        });
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        boolean reindex = reindexRequested(in);
        if (indexer.isEmpty()) {
            String line = Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("timestamp", clock.instant().toString());
                g.writeStringField("level", "INFO");
                g.writeStringField("function", function);
                g.writeStringField("message", "search is off (SEARCH_ENDPOINT is empty): nothing to index");
                g.writeEndObject();
            });
            log.println(line);
            out.write(line.getBytes(StandardCharsets.UTF_8));
            return;
        }
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        Instant start = clock.instant();
        IndexChanges.Run run;
        try {
            run = deadline.within(remaining, () -> indexer.get().run(reindex, start.plus(remaining).minus(RESERVE)));
        } catch (RuntimeException e) {
            log.println(Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("timestamp", clock.instant().toString());
                g.writeStringField("level", "ERROR");
                g.writeStringField("function", function);
                g.writeStringField("message", "search indexing stopped before its cursor moved past what it could not apply; the next run applies it again");
                g.writeStringField("cause", e.getClass().getSimpleName() + ": " + e.getMessage());
                g.writeEndObject();
            }));
            throw e; // the invocation fails: the template's error alarm counts it
        }
        String line = runLine(function, run, start, clock.millis());
        log.println(line);
        out.write(line.getBytes(StandardCharsets.UTF_8));
    }

    /** A run's log line: what it did, and the metrics {@value #LAG_METRIC} and {@value #REBUILDING_METRIC}. */
    static String runLine(String function, IndexChanges.Run run, Instant start, long now) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.ofEpochMilli(now).toString());
            g.writeStringField("level", "INFO");
            g.writeStringField("function", function);
            g.writeStringField("outcome", run.outcome().name());
            g.writeBooleanField("reindexed", run.reindexed());
            g.writeBooleanField("rebuilding", run.rebuilding());
            g.writeNumberField("pages", run.pages());
            g.writeNumberField("upserts", run.upserts());
            g.writeNumberField("deletes", run.deletes());
            g.writeNumberField("durationMs", now - start.toEpochMilli());
            EmbeddedMetrics.metrics(g, now, new EmbeddedMetrics.Metric(LAG_METRIC, "Seconds", run.lag().toMillis() / 1000.0),
                    new EmbeddedMetrics.Metric(REBUILDING_METRIC, "None", run.rebuilding() ? 1 : 0));
            g.writeEndObject();
        });
    }

    /** Whether the event is an object with {@code "reindex": true}; any other event (or none, or not JSON) is not. */
    static boolean reindexRequested(InputStream in) {
        try (JsonParser p = Json.FACTORY.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean reindex = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("reindex")) {
                    reindex = value == JsonToken.VALUE_TRUE;
                }
                p.skipChildren();
            }
            return reindex;
        } catch (IOException e) {
            return false; // not JSON: a wake-up like any other
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a change to settle", e);
        }
    }
}
