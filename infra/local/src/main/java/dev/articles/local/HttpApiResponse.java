package dev.articles.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response as the gateway sends it, and how it maps a function's payload format 2.0 answer:
 * an object with {@code statusCode} gives status, headers, cookies (one Set-Cookie each) and body (base64
 * decoded when {@code isBase64Encoded}); any other valid JSON is a 200 {@code application/json} body as is;
 * anything else is the gateway's 500.
 *
 * @param headers name and value pairs, in order; a name may repeat (Set-Cookie)
 */
record HttpApiResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    static HttpApiResponse internalServerError() {
        return message(500, "Internal Server Error");
    }

    static HttpApiResponse serviceUnavailable() {
        return message(503, "Service Unavailable");
    }

    static HttpApiResponse notFound() {
        return message(404, "Not Found");
    }

    /**
     * The JWT authorizer's refusal. API Gateway answers {@code {"message":"Unauthorized"}} and cannot be told
     * otherwise; locally it is the contract's Problem Details, which front ends handle like every other error.
     */
    static HttpApiResponse unauthorized(String detail) {
        HttpApiResponse problem = problem(401, "urn:articles:problem:unauthorized", "Authentication required", detail);
        problem.headers().add(Map.entry("www-authenticate", "Bearer"));
        return problem;
    }

    /** A request the gateway cannot parse (400), or too large to take (413, 414, 431): the contract's Problem Details. */
    static HttpApiResponse problem(int status, String detail) {
        return switch (status) {
            case 413 -> problem(status, "urn:articles:problem:payload-too-large", "Payload too large", detail);
            case 414, 431 -> problem(status, "urn:articles:problem:request-too-large", "Request too large", detail);
            default -> problem(status, "urn:articles:problem:malformed-request", "Malformed request", detail);
        };
    }

    private static HttpApiResponse problem(int status, String type, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        return new HttpApiResponse(status, new ArrayList<>(List.of(Map.entry("content-type", "application/problem+json"),
                Map.entry("cache-control", "no-store"))), PlainJson.write(problem));
    }

    /** The gateway's own error documents: {@code {"message":"..."}}. */
    static HttpApiResponse message(int status, String message) {
        return new HttpApiResponse(status, new ArrayList<>(List.of(Map.entry("content-type", "application/json"))),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static HttpApiResponse fromResult(InvocationResult result) {
        return switch (result) {
            case InvocationResult.Response r -> fromPayload(r.payload());
            case InvocationResult.TimedOut t -> serviceUnavailable();
            case InvocationResult.FunctionError e -> internalServerError();
            case InvocationResult.Crashed c -> internalServerError();
        };
    }

    static HttpApiResponse fromPayload(byte[] payload) {
        Object parsed;
        try {
            parsed = PlainJson.parse(payload);
        } catch (IllegalArgumentException notJson) {
            return internalServerError();
        }
        if (!(parsed instanceof Map<?, ?> map) || !map.containsKey("statusCode")) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            headers.add(Map.entry("content-type", "application/json"));
            return new HttpApiResponse(200, headers, payload);
        }
        Integer status = statusCode(map.get("statusCode"));
        if (status == null) {
            return internalServerError();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (map.get("headers") instanceof Map<?, ?> h) {
            h.forEach((name, value) -> {
                if (value != null) {
                    headers.add(Map.entry(String.valueOf(name), value.toString()));
                }
            });
        } else if (map.get("headers") != null) {
            return internalServerError();
        }
        if (map.get("cookies") instanceof List<?> cookies) {
            cookies.forEach(c -> headers.add(Map.entry("set-cookie", String.valueOf(c))));
        }
        Object body = map.get("body");
        byte[] bytes;
        if (body == null) {
            bytes = new byte[0];
        } else if (body instanceof String text) {
            if (Boolean.TRUE.equals(map.get("isBase64Encoded"))) {
                try {
                    bytes = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException notBase64) {
                    return internalServerError();
                }
            } else {
                bytes = text.getBytes(StandardCharsets.UTF_8);
            }
        } else {
            return internalServerError();
        }
        return new HttpApiResponse(status, headers, bytes);
    }

    private static Integer statusCode(Object value) {
        try {
            int status = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? n.intValue()
                    : value instanceof String s ? Integer.parseInt(s.trim()) : -1;
            return status >= 100 && status <= 599 ? status : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
