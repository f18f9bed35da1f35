package dev.articles.faultproxy;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/** An answer the proxy makes itself: a DynamoDB error or a control-endpoint reply. */
record HttpReply(int status, String contentType, Map<String, String> extraHeaders, String body) {

    private static final String REQUEST_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** The error with the headers DynamoDB sends: a fresh request id and the body's CRC32, which the SDK checks. */
    static HttpReply of(DynamoDbError error) {
        String body = error.body();
        var crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        var headers = new LinkedHashMap<String, String>();
        headers.put("Server", "Server");
        headers.put("x-amzn-RequestId", requestId());
        headers.put("x-amz-crc32", Long.toString(crc.getValue()));
        return new HttpReply(error.status(), "application/x-amz-json-1.0", headers, body);
    }

    static HttpReply noContent() {
        return new HttpReply(204, "", Map.of(), "");
    }

    static HttpReply text(int status, String body) {
        return new HttpReply(status, "text/plain; charset=utf-8", Map.of(), body);
    }

    static HttpReply json(int status, String body) {
        return new HttpReply(status, "application/json", Map.of(), body);
    }

    byte[] bytes() {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder()
                .append("HTTP/1.1 ").append(status).append(' ').append(reason()).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n")
                .append("Connection: keep-alive\r\n");
        if (status != 204) { // RFC 9110 forbids a Content-Length on 204
            head.append("Content-Type: ").append(contentType).append("\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] message = new byte[headBytes.length + content.length];
        System.arraycopy(headBytes, 0, message, 0, headBytes.length);
        System.arraycopy(content, 0, message, headBytes.length, content.length);
        return message;
    }

    private String reason() {
        return switch (status) {
            case 200 -> "OK";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    /** Shaped like DynamoDB's: 52 upper-case letters and digits. */
    private static String requestId() {
        var random = ThreadLocalRandom.current();
        var id = new StringBuilder(52);
        for (int i = 0; i < 52; i++) {
            id.append(REQUEST_ID_ALPHABET.charAt(random.nextInt(REQUEST_ID_ALPHABET.length())));
        }
        return id.toString();
    }
}
