package dev.articles.apitests.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** A function's payload 2.0 response, as API Gateway would read it. */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    /** Anything invoked like a Lambda stream handler: a handler, or the core's HttpFunction. */
    @FunctionalInterface
    public interface Invocable {
        void handle(InputStream in, OutputStream out, com.amazonaws.services.lambda.runtime.Context context) throws IOException;
    }

    public static ApiResponse invoke(Invocable function, byte[] event) {
        return invoke(function, event, new TestContext());
    }

    public static ApiResponse invoke(Invocable function, byte[] event, TestContext context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            function.handle(new ByteArrayInputStream(event), out, context);
            JsonNode response = ApiEvent.JSON.readTree(out.toByteArray());
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            return new ApiResponse(response.get("statusCode").asInt(), headers, response.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiResponse invoke(Invocable function, ApiEvent event) {
        return invoke(function, event.toJson());
    }

    /** Every error is RFC 9457 Problem Details with this status and no internals. */
    public ApiResponse assertProblemDetails() {
        org.assertj.core.api.Assertions.assertThat(header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = json();
        org.assertj.core.api.Assertions.assertThat(problem.path("type").asText()).startsWith("urn:articles:problem:");
        org.assertj.core.api.Assertions.assertThat(problem.path("title").asText()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(problem.path("detail").asText()).isNotBlank();
        org.assertj.core.api.Assertions.assertThat(problem.path("status").asInt()).isEqualTo(status);
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain("Exception", "dev.articles", "java.", "software.amazon", "com.fasterxml");
        return this;
    }

    public JsonNode json() {
        try {
            return ApiEvent.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String header(String name) {
        return headers.get(name);
    }

    /** The field names of a validation problem's errors, in order. */
    public java.util.List<String> errorFields() {
        java.util.List<String> fields = new java.util.ArrayList<>();
        json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}
