package dev.articles.http;

import dev.articles.http.Json;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

/**
 * One structured JSON line per request (and one per failure), written to stdout where Lambda sends it to
 * CloudWatch Logs. Hand-written rather than Powertools logging: that pulls in log4j2 and databind, which a
 * function pays for at every cold start.
 */
public final class AccessLog {

    private final String function;
    private final PrintStream out;

    public AccessLog(String function, PrintStream out) {
        this.function = function;
        this.out = out;
    }

    public void request(String requestId, String lambdaRequestId, HttpRequest request, int status, long latencyMicros,
            boolean coldStart) {
        out.println(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", status >= 500 ? "ERROR" : "INFO");
            g.writeStringField("function", function);
            g.writeStringField("requestId", requestId);
            g.writeStringField("lambdaRequestId", lambdaRequestId);
            g.writeStringField("route", request == null ? "" : request.routeKey());
            g.writeStringField("method", request == null ? "" : request.method());
            g.writeStringField("path", request == null ? "" : request.rawPath());
            g.writeNumberField("status", status);
            g.writeNumberField("latencyMs", latencyMicros / 1000.0);
            g.writeBooleanField("coldStart", coldStart);
            g.writeEndObject();
        }));
    }

    /** An outage of the database: expected now and then, so one line naming the cause, not a stack trace. */
    public void unavailable(String requestId, Throwable error) {
        Throwable cause = error.getCause() == null ? error : error.getCause();
        out.println(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", "WARN");
            g.writeStringField("function", function);
            g.writeStringField("requestId", requestId);
            g.writeStringField("message", "database unavailable: " + error.getMessage());
            g.writeStringField("cause", cause.getClass().getSimpleName() + ": " + cause.getMessage());
            g.writeEndObject();
        }));
    }

    /**
     * A write or a preview without a token's claims where writes are authenticated: the gateway in front let it
     * through (a route without its authorizer?), so a person should look, though nothing was written or shown.
     */
    public void unauthenticated(HttpRequest request) {
        out.println(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", "WARN");
            g.writeStringField("function", function);
            g.writeStringField("requestId", request.requestId());
            g.writeStringField("route", request.routeKey());
            g.writeStringField("message", "request refused with 401: no token claims reached the function, though"
                    + " writes and previews are authenticated; check the route's authorizer");
            g.writeEndObject();
        }));
    }

    /** A failure worth a person's attention: logged with its stack trace, which never goes to the client. */
    public void failure(String requestId, String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        out.println(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.now().toString());
            g.writeStringField("level", "ERROR");
            g.writeStringField("function", function);
            g.writeStringField("requestId", requestId);
            g.writeStringField("message", message);
            g.writeStringField("error", trace.toString());
            g.writeEndObject();
        }));
    }
}
