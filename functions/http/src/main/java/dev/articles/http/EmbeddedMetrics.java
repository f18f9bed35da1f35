package dev.articles.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A CloudWatch metric inside a structured log line, in Embedded Metric Format: the {@code _aws} member names the
 * metric, and the line's own fields hold its value and its one dimension, {@code function} (the line's writer puts
 * it). CloudWatch Logs extracts the metric from the line itself: no SDK call, no dependency.
 */
public final class EmbeddedMetrics {

    /** The namespace of the project's metrics, as template.yaml's alarms name it. */
    public static final String NAMESPACE = "Articles";

    private EmbeddedMetrics() {}

    /** One metric of a line: its name, its CloudWatch unit, its value. */
    public record Metric(String name, String unit, double value) {}

    /** Writes the {@code _aws} member and the metric's value, inside the line's object (after its "function" field). */
    public static void metric(JsonGenerator g, long timestampMillis, String name, String unit, double value) throws IOException {
        metrics(g, timestampMillis, new Metric(name, unit, value));
    }

    /** As {@link #metric}, for several metrics of the one line. */
    public static void metrics(JsonGenerator g, long timestampMillis, Metric... metrics) throws IOException {
        g.writeObjectFieldStart("_aws");
        g.writeNumberField("Timestamp", timestampMillis);
        g.writeArrayFieldStart("CloudWatchMetrics");
        g.writeStartObject();
        g.writeStringField("Namespace", NAMESPACE);
        g.writeArrayFieldStart("Dimensions");
        g.writeStartArray();
        g.writeString("function");
        g.writeEndArray();
        g.writeEndArray();
        g.writeArrayFieldStart("Metrics");
        for (Metric metric : metrics) {
            g.writeStartObject();
            g.writeStringField("Name", metric.name());
            g.writeStringField("Unit", metric.unit());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        for (Metric metric : metrics) {
            g.writeNumberField(metric.name(), metric.value());
        }
    }
}
