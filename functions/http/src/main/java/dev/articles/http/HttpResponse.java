package dev.articles.http;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a function answers; API Gateway turns it into the HTTP response. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public static final String JSON = "application/json";

    public HttpResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", JSON), body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
