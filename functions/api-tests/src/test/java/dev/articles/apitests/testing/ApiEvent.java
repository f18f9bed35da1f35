package dev.articles.apitests.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Builds API Gateway HTTP API payload 2.0 events in the shape API Gateway sends them. */
public final class ApiEvent {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String method;
    private final String path;
    private final String routeKey;
    private String rawQueryString = "";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private final Map<String, String> claims = new LinkedHashMap<>();
    private byte[] body;

    private ApiEvent(String method, String path, String routeKey) {
        this.method = method;
        this.path = path;
        this.routeKey = routeKey;
        headers.put("host", "api.example.com");
        headers.put("user-agent", "articles-tests");
    }

    public static ApiEvent create(String json) {
        return new ApiEvent("POST", "/articles", "POST /articles").header("content-type", "application/json").body(json);
    }

    public static ApiEvent get(String id) {
        return new ApiEvent("GET", "/articles/" + id, "GET /articles/{id}").pathParameter("id", id);
    }

    /** PATCH with a merge patch; add If-Match with {@link #header}. */
    public static ApiEvent edit(String id, String patch) {
        return new ApiEvent("PATCH", "/articles/" + id, "PATCH /articles/{id}").pathParameter("id", id)
                .header("content-type", "application/merge-patch+json").body(patch);
    }

    public static ApiEvent delete(String id) {
        return new ApiEvent("DELETE", "/articles/" + id, "DELETE /articles/{id}").pathParameter("id", id);
    }

    public static ApiEvent list(String rawQueryString) {
        return new ApiEvent("GET", "/articles", "GET /articles").query(rawQueryString);
    }

    public static ApiEvent bySlug(String slug) {
        return new ApiEvent("GET", "/articles/by-slug/" + slug, "GET /articles/by-slug/{slug}").pathParameter("slug", slug);
    }

    /** A preview of one article; add the authorizer's claims with {@link #claim}. */
    public static ApiEvent preview(String id) {
        return new ApiEvent("GET", "/preview/articles/" + id, "GET /preview/articles/{id}").pathParameter("id", id);
    }

    /** The preview list; add the authorizer's claims with {@link #claim}. */
    public static ApiEvent previewList(String rawQueryString) {
        return new ApiEvent("GET", "/preview/articles", "GET /preview/articles").query(rawQueryString);
    }

    /** A page of the changes feed. */
    public static ApiEvent changes(String rawQueryString) {
        return new ApiEvent("GET", "/articles/changes", "GET /articles/changes").query(rawQueryString);
    }

    /** A search ({@code q} and the rest in the query string). */
    public static ApiEvent search(String rawQueryString) {
        return new ApiEvent("GET", "/articles/search", "GET /articles/search").query(rawQueryString);
    }

    /** A request no route takes: API Gateway hands it to the $default route. */
    public static ApiEvent unrouted(String method, String path) {
        return new ApiEvent(method, path, "$default");
    }

    public String routeKey() {
        return routeKey;
    }

    public ApiEvent header(String name, String value) {
        headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return this;
    }

    public ApiEvent withoutHeader(String name) {
        headers.remove(name);
        return this;
    }

    public ApiEvent query(String raw) {
        rawQueryString = raw;
        return this;
    }

    public ApiEvent pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    public ApiEvent claim(String name, String value) {
        claims.put(name, value);
        return this;
    }

    public ApiEvent body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public ApiEvent body(byte[] bytes) {
        body = bytes;
        return this;
    }

    public byte[] toJson() {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", rawQueryString);
        headers.forEach(event.putObject("headers")::put);
        if (!rawQueryString.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : rawQueryString.split("&")) {
                String[] nv = pair.split("=", 2);
                query.put(nv[0], query.has(nv[0]) ? query.get(nv[0]).asText() + "," + (nv.length > 1 ? nv[1] : "")
                        : nv.length > 1 ? nv[1] : "");
            }
        }
        if (!pathParameters.isEmpty()) {
            pathParameters.forEach(event.putObject("pathParameters")::put);
        }
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "api");
        context.put("domainName", "api.example.com");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "articles-tests");
        if (!claims.isEmpty()) {
            claims.forEach(context.putObject("authorizer").putObject("jwt").putObject("claims")::put);
        }
        if (body != null) {
            boolean utf8 = isUtf8(body);
            event.put("body", utf8 ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.put("isBase64Encoded", !utf8);
        } else {
            event.put("isBase64Encoded", false);
        }
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** API Gateway base64-encodes a body that is not text, as the local gateway does. */
    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    /** A sample event file of the project's {@code events/} folder. */
    public static byte[] file(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
