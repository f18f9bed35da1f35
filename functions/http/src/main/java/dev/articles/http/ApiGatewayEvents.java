package dev.articles.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads API Gateway HTTP API payload 2.0 events and writes 2.0 responses, with the streaming parser: the
 * events library's POJOs would cost a reflective (de)serializer at every cold start.
 */
public final class ApiGatewayEvents {

    /** Events are API Gateway's own, not user input: lenient limits, no duplicate detection. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private ApiGatewayEvents() {}

    public static HttpRequest read(InputStream in) throws IOException {
        Event event = new Event();
        try (JsonParser p = FACTORY.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "routeKey" -> event.routeKey = p.getValueAsString();
                    case "rawPath" -> event.rawPath = p.getValueAsString();
                    case "rawQueryString" -> event.rawQueryString = p.getValueAsString();
                    case "headers" -> readStrings(p, value, event.headers, true);
                    case "pathParameters" -> readStrings(p, value, event.pathParameters, false);
                    case "body" -> event.body = p.getValueAsString();
                    case "isBase64Encoded" -> event.base64 = value == JsonToken.VALUE_TRUE;
                    case "requestContext" -> readContext(p, value, event);
                    default -> p.skipChildren();
                }
            }
        }
        byte[] body = event.body == null ? new byte[0]
                : event.base64 ? Base64.getMimeDecoder().decode(event.body)
                : event.body.getBytes(StandardCharsets.UTF_8);
        return new HttpRequest(event.requestId, event.routeKey, event.method, event.rawPath,
                event.rawQueryString, event.headers, event.pathParameters, body, event.claims);
    }

    public static void write(HttpResponse response, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("statusCode", response.status());
            g.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                g.writeStringField(header.getKey(), header.getValue());
            }
            g.writeEndObject();
            g.writeStringField("body", response.body());
            g.writeBooleanField("isBase64Encoded", false);
            g.writeEndObject();
        }
    }

    private static void readContext(JsonParser p, JsonToken value, Event event) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            switch (name) {
                case "requestId" -> event.requestId = p.getValueAsString();
                case "http" -> {
                    while (token == JsonToken.START_OBJECT && p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("method")) {
                            event.method = p.getValueAsString();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "authorizer" -> readClaims(p, token, event.claims);
                default -> p.skipChildren();
            }
        }
    }

    /** {@code authorizer.jwt.claims}: values are strings, or arrays that API Gateway renders as "[a b]". */
    private static void readClaims(JsonParser p, JsonToken token, Map<String, String> claims) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!name.equals("jwt") || value != JsonToken.START_OBJECT) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken claimsToken = p.nextToken();
                if (field.equals("claims")) {
                    readStrings(p, claimsToken, claims, false);
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static void readStrings(JsonParser p, JsonToken token, Map<String, String> into, boolean lowerCaseKeys)
            throws IOException {
        if (token != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = lowerCaseKeys ? p.currentName().toLowerCase(Locale.ROOT) : p.currentName();
            JsonToken value = p.nextToken();
            if (value.isScalarValue()) {
                into.put(name, p.getValueAsString());
            } else {
                p.skipChildren();
            }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("API Gateway event is not a JSON object");
        }
    }

    /** The fields being collected while the event streams past. */
    private static final class Event {
        String requestId = "";
        String routeKey = "";
        String method = "";
        String rawPath = "/";
        String rawQueryString = "";
        String body;
        boolean base64;
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> pathParameters = new HashMap<>();
        final Map<String, String> claims = new HashMap<>();
    }
}
