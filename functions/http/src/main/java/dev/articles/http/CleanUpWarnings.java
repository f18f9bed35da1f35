package dev.articles.http;

import dev.articles.core.Environment;
import dev.articles.core.store.CleanUpLog;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A clean-up a write left after its commit, as ONE structured warning line on stdout (beside the access log):
 * the article, the entries left, the cause, and the count as a CloudWatch metric ({@link EmbeddedMetrics}). The
 * template's UnfinishedCleanUpAlarm watches the metric.
 */
public final class CleanUpWarnings implements CleanUpLog {

    /** The metric's name (in {@link EmbeddedMetrics#NAMESPACE}), as template.yaml's alarm names it. */
    public static final String METRIC = "UnfinishedCleanUps";

    private final String function;
    private final PrintStream out;
    private final Clock clock;

    /** A function's: on stdout, under the Lambda function's name, as the metric's dimension. */
    public static CleanUpWarnings stdout(Environment env) {
        return new CleanUpWarnings(env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse("local"), System.out, Clock.systemUTC());
    }

    public CleanUpWarnings(String function, PrintStream out, Clock clock) {
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void unfinished(String articleId, List<Entry> left, RuntimeException cause) {
        Throwable root = cause.getCause() == null ? cause : cause.getCause();
        long now = clock.millis();
        out.println(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.ofEpochMilli(now).toString());
            g.writeStringField("level", "WARN");
            g.writeStringField("function", function);
            g.writeStringField("message", "clean-up after the commit left tag entries pending; the next write of the article finishes it");
            g.writeStringField("articleId", articleId);
            g.writeArrayFieldStart("left");
            for (Entry entry : left) {
                g.writeStartObject();
                g.writeStringField("pk", entry.pk());
                g.writeStringField("sk", entry.sk());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("cause", cause.getMessage() + (root == cause ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")"));
            EmbeddedMetrics.metric(g, now, METRIC, "Count", 1);
            g.writeEndObject();
        }));
    }
}
