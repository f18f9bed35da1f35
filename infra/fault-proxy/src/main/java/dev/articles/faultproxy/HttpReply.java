package dev.articles.faultproxy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

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

    /** Sends this answer with its own Date (the proxy's server adds none: forwarded answers keep the upstream's). */
    void write(Response response, Callback callback) {
        response.setStatus(status);
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.DATE, DateGenerator.formatDate(Instant.now()));
        if (status != 204) { // RFC 9110 forbids content on 204
            headers.put(HttpHeader.CONTENT_TYPE, contentType);
        }
        extraHeaders.forEach(headers::put);
        Content.Sink.write(response, true, body, callback);
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
