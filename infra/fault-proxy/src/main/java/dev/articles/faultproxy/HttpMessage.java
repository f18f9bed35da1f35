package dev.articles.faultproxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * One HTTP/1.1 request or response as it came over the wire: {@code raw} holds every byte received (start line,
 * headers, body with any chunk framing) so it can be passed on unchanged, which keeps the SDK's signed headers
 * and Host exactly as sent.
 *
 * @param raw       the message byte for byte
 * @param startLine the request or status line
 * @param headers   the header block, one {@code Name: value} per line
 * @param body      the body with chunk framing removed
 */
record HttpMessage(byte[] raw, String startLine, String headers, byte[] body) {

    /** Reads a request; empty when the client closed the connection before sending one. */
    static Optional<HttpMessage> readRequest(InputStream in) throws IOException {
        return read(in, false);
    }

    /** Reads a response; without a length or chunking its body runs to the end of the connection. */
    static HttpMessage readResponse(InputStream in) throws IOException {
        return read(in, true).orElseThrow(() -> new EOFException("upstream closed without answering"));
    }

    private static Optional<HttpMessage> read(InputStream in, boolean response) throws IOException {
        var raw = new ByteArrayOutputStream();
        String startLine = readLine(in, raw);
        if (startLine == null) {
            return Optional.empty();
        }
        var headers = new StringBuilder();
        for (String line = requireLine(in, raw); !line.isEmpty(); line = requireLine(in, raw)) {
            headers.append(line).append('\n');
        }
        var message = new HttpMessage(null, startLine, headers.toString(), null);
        byte[] body;
        if (response && message.hasNoBody()) {
            body = new byte[0];
        } else if (message.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            body = readChunked(in, raw);
        } else if (message.header("Content-Length").isPresent()) {
            body = in.readNBytes(Integer.parseInt(message.header("Content-Length").get().trim()));
            raw.write(body);
        } else if (response) {
            body = in.readAllBytes();
            raw.write(body);
        } else {
            body = new byte[0];
        }
        return Optional.of(new HttpMessage(raw.toByteArray(), startLine, headers.toString(), body));
    }

    private static byte[] readChunked(InputStream in, ByteArrayOutputStream raw) throws IOException {
        var body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = requireLine(in, raw);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                // Trailers, if any, up to the blank line that ends the message.
                while (!requireLine(in, raw).isEmpty()) {
                    // skip
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new EOFException("connection closed inside a chunk");
            }
            raw.write(chunk);
            body.write(chunk);
            requireLine(in, raw);
        }
    }

    private static String requireLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        String line = readLine(in, raw);
        if (line == null) {
            throw new EOFException("connection closed inside a message head");
        }
        return line;
    }

    /** A CRLF-terminated line without its terminator, or null at end of stream before any byte. */
    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            raw.write(b);
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        if (line.size() == 0) {
            return null;
        }
        throw new EOFException("connection closed inside a line");
    }

    /** The first value of a header, compared case-insensitively. */
    Optional<String> header(String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return headers.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst();
    }

    /**
     * Whether the connection ends after this message: asked for with {@code Connection: close} or HTTP/1.0, or a
     * response whose body was delimited by the end of the connection.
     */
    boolean closesConnection() {
        String connection = header("Connection").orElse("");
        boolean http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
        boolean delimitedByClose = startLine.startsWith("HTTP/") && !hasNoBody()
                && header("Content-Length").isEmpty() && header("Transfer-Encoding").isEmpty();
        return connection.equalsIgnoreCase("close") || http10 && !connection.equalsIgnoreCase("keep-alive")
                || delimitedByClose;
    }

    /** A response that never has a body (RFC 9112 section 6.3): 1xx, 204, 304. */
    private boolean hasNoBody() {
        String[] parts = startLine.split(" ");
        String status = parts.length > 1 ? parts[1] : "";
        return status.startsWith("1") || status.equals("204") || status.equals("304");
    }

    /** A request's target, e.g. {@code /} or {@code /__faults?fault=drop}. */
    String target() {
        String[] parts = startLine.split(" ");
        return parts.length > 1 ? parts[1] : "";
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
