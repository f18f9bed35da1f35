package dev.articles.apitests.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.http.Problem;
import dev.articles.apitests.testing.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every answer must be, whatever the request: below 500, and either a success of the right shape or an
 * RFC 9457 problem document with nothing of the implementation in it (no stack trace, class or package name,
 * no AWS request detail).
 */
final class Responses {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Text that only the implementation could have put into an answer. Compared in lower case. */
    private static final List<String> LEAKS = List.of("exception", "java.", "javax.", "jdk.", "dev.articles",
            "software.amazon", "com.amazonaws", "com.fasterxml", "jackson", "dynamodb", "amazon", "service:",
            "status code:", "request id:", "x-amz", "\tat ", ".java:", "caused by", "stacktrace");
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "errors");
    /** Problem type URI to the problem, per the contract's table of slugs. */
    private static final Map<String, Problem> TYPES = new HashMap<>();

    static {
        for (Problem.Type type : Problem.Type.values()) {
            Problem problem = new Problem(type, "");
            TYPES.put(problem.typeUri(), problem);
        }
    }

    private Responses() {}

    /** One exchange, described for a failure message: what was sent, what came back. */
    record Exchange(String input, ApiResponse response) {

        int status() {
            return response.status();
        }

        JsonNode json() {
            return parse(response.body());
        }

        String type() {
            return json().path("type").asText();
        }

        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }

        @Override
        public String toString() {
            return "sent " + shorten(input) + "\n  got " + response.status() + " " + response.headers() + " " + shorten(response.body());
        }
    }

    /** Checks what every answer must be; {@code input} is everything the client sent, as text. */
    static void assertWellFormed(Exchange e) {
        assertThat(e.status()).as("%s", e).isBetween(200, 499);
        String lowerInput = e.input().toLowerCase(Locale.ROOT);
        String answer = (e.response().headers() + " " + e.response().body()).toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            if (!lowerInput.contains(leak)) {
                assertThat(answer).as("no '%s' in the answer to %s", leak, e).doesNotContain(leak);
            }
        }
        if (e.status() >= 400) {
            assertProblem(e);
        } else if (e.status() == 304) {
            assertThat(e.response().body()).as("%s", e).isEmpty();
            assertThat(e.response().header("ETag")).as("%s", e).isNotBlank();
        } else if (e.status() == 301) { // a former slug: where the article is now, and nothing else
            assertThat(e.response().body()).as("%s", e).isEmpty();
            assertThat(e.response().header("Location")).as("%s", e).startsWith("/articles/by-slug/");
        } else {
            assertThat(e.response().header("Content-Type")).as("%s", e).isEqualTo("application/json");
            assertThat(e.json().isObject()).as("%s", e).isTrue();
        }
    }

    private static void assertProblem(Exchange e) {
        assertThat(e.response().header("Content-Type")).as("%s", e).isEqualTo(Problem.CONTENT_TYPE);
        JsonNode problem = e.json();
        assertThat(problem.isObject()).as("%s", e).isTrue();
        List<String> members = new ArrayList<>();
        problem.properties().forEach(m -> members.add(m.getKey()));
        assertThat(members).as("%s", e).contains("type", "title", "status", "detail").allMatch(PROBLEM_MEMBERS::contains);
        Problem expected = TYPES.get(problem.get("type").asText());
        assertThat(expected).as("a type of the contract in %s", e).isNotNull();
        assertThat(problem.get("title").asText()).as("%s", e).isEqualTo(expected.title());
        assertThat(problem.get("status").isInt()).as("%s", e).isTrue();
        assertThat(problem.get("status").asInt()).as("%s", e).isEqualTo(expected.status()).isEqualTo(e.status());
        assertThat(problem.get("detail").isTextual() && !problem.get("detail").asText().isBlank()).as("%s", e).isTrue();
        boolean fieldProblem = expected.type() == Problem.Type.VALIDATION_FAILED || expected.type() == Problem.Type.INVALID_PARAMETER
                || expected.type() == Problem.Type.SLUG_TAKEN;
        if (fieldProblem) {
            assertThat(problem.path("errors").isArray() && !problem.path("errors").isEmpty()).as("errors in %s", e).isTrue();
            problem.get("errors").forEach(error -> {
                List<String> keys = new ArrayList<>();
                error.properties().forEach(m -> keys.add(m.getKey()));
                assertThat(keys).as("%s", e).containsExactlyInAnyOrder("field", "message");
                assertThat(error.get("field").isTextual()).as("%s", e).isTrue();
                assertThat(error.get("message").isTextual() && !error.get("message").asText().isBlank()).as("%s", e).isTrue();
            });
        } else {
            assertThat(problem.has("errors")).as("%s", e).isFalse();
        }
        if (e.status() == 405) {
            assertThat(e.response().header("Allow")).as("%s", e).isNotBlank();
        }
        if (expected.type() == Problem.Type.IDEMPOTENCY_IN_PROGRESS || e.status() == 503) {
            assertThat(e.response().header("Retry-After")).as("%s", e).isNotBlank();
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException ex) {
            throw new AssertionError("not JSON: " + shorten(json), ex);
        }
    }

    /** Text for a failure message: escapes what a terminal would swallow, and keeps it short. */
    static String shorten(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 600; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || (c >= 0x7F && c < 0xA0) || Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return s.length() > 600 ? out + "... (" + s.length() + " chars)" : out.toString();
    }

    /** Body bytes as text for the leak check and messages: invalid UTF-8 shown as U+FFFD. */
    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
