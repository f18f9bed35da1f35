package dev.articles.http;

import dev.articles.core.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders a {@link Problem} as the {@code application/problem+json} response. */
public final class ProblemJson {

    private ProblemJson() {}

    public static HttpResponse response(Problem problem, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", Problem.CONTENT_TYPE);
        headers.put("Cache-Control", "no-store");
        headers.putAll(extraHeaders);
        return new HttpResponse(problem.status(), headers, body(problem));
    }

    public static HttpResponse response(Problem problem) {
        return response(problem, Map.of());
    }

    static String body(Problem problem) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("type", problem.typeUri());
            g.writeStringField("title", problem.title());
            g.writeNumberField("status", problem.status());
            g.writeStringField("detail", problem.detail());
            if (!problem.errors().isEmpty()) {
                g.writeArrayFieldStart("errors");
                for (FieldError error : problem.errors()) {
                    g.writeStartObject();
                    g.writeStringField("field", error.field());
                    g.writeStringField("message", error.message());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }
}
