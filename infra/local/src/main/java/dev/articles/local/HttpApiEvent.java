package dev.articles.local;

import dev.articles.jwt.VerifiedJwt;
import dev.articles.template.RouteSpec;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds the payload format 2.0 event API Gateway HTTP API sends a Lambda integration: lower-cased headers
 * with repeated ones comma-joined, cookies in their own array, query parameters decoded and comma-joined,
 * path parameters, requestContext, and the body as text or, when it is not text, base64.
 */
final class HttpApiEvent {

    static final String ACCOUNT_ID = "123456789012";
    static final String API_ID = "local";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvent() {
    }

    /** API Gateway's request id format: 16 characters of base64 (it is also the apigw-requestid header). */
    static String newRequestId() {
        byte[] bytes = new byte[10];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).replace('/', 'A').replace('+', 'B');
    }

    /** @param jwt the token the route's JWT authorizer accepted; empty for a route without one */
    static Map<String, Object> build(GatewayRequest request, Router.Match match, String requestId, Instant now,
                                     Optional<VerifiedJwt> jwt) {
        Map<String, Object> event = new LinkedHashMap<>();
        RouteSpec route = match.route();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        Map<String, String> headers = request.joinedHeaders();
        headers.remove("cookie"); // carried in "cookies" instead
        event.put("headers", headers);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", ACCOUNT_ID);
        context.put("apiId", API_ID);
        jwt.ifPresent(token -> {
            Map<String, Object> verified = new LinkedHashMap<>();
            verified.put("claims", token.claims());
            verified.put("scopes", token.scopes().orElse(null)); // null when the route requires no scopes, as AWS sends
            context.put("authorizer", Map.of("jwt", verified));
        });
        String host = headers.getOrDefault("host", "localhost");
        context.put("domainName", host);
        context.put("domainPrefix", host.split("[.:]", 2)[0]);
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", "$default");
        context.put("time", TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        event.put("requestContext", context);
        if (request.body().length > 0) {
            String text = isText(headers.get("content-type")) ? utf8(request.body()) : null;
            event.put("body", text != null ? text : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", text == null);
        } else {
            event.put("isBase64Encoded", false);
        }
        if (!match.pathParameters().isEmpty()) {
            event.put("pathParameters", match.pathParameters());
        }
        return event;
    }

    private static List<String> cookies(GatewayRequest request) {
        List<String> out = new ArrayList<>();
        for (String header : request.headers().getOrDefault("cookie", List.of())) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    out.add(cookie.trim());
                }
            }
        }
        return out;
    }

    /** Decoded names and values; a repeated name's values joined with commas, as payload 2.0 does. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.merge(name, value, (a, b) -> a + "," + b);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s; // a stray % is passed on as sent
        }
    }

    /**
     * Text media types (text/*, JSON, XML, JavaScript) travel as text when they are valid UTF-8; everything
     * else, form bodies included, as base64, as HTTP APIs pass them.
     */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true; // judged by whether the bytes are UTF-8
        }
        String type = contentType.toLowerCase(Locale.ROOT).split(";", 2)[0].trim();
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json")
                || type.endsWith("/xml") || type.endsWith("+xml") || type.equals("application/javascript");
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }
}
