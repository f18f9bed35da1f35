package dev.articles.local;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local gateway's HTTP/1.1 server on a loopback port, parsing requests itself so that whatever it cannot
 * parse gets the contract's Problem Details (400, 413, 414, 431) and never an HTML page or a class name. The
 * JDK's com.sun.net.httpserver answers an unparsable target (`/articles/%ZZ`, a raw `"`, `<` or `\`) itself
 * with {@code 400 text/html} naming URISyntaxException before any handler runs, and has no hook to change that.
 *
 * <p>Strict where leniency would hide a bad request: the target is origin-form (or absolute-form) with only
 * RFC 3986 characters and well-formed percent escapes; header names are tokens, no folded lines; a body is
 * framed by one Content-Length or by chunked Transfer-Encoding, never both. Keep-alive for HTTP/1.1, one
 * virtual thread per connection; after a malformed request the connection is closed.
 */
final class GatewayHttpServer implements AutoCloseable {

    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final int MAX_REQUEST_LINE = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int IDLE_TIMEOUT_MS = 60_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    /** Answers one parsed request (never null, never throws for a request it does not like). */
    interface Handler {
        HttpApiResponse handle(GatewayRequest request);
    }

    /** A request that cannot be parsed: answered with Problem Details, then the connection is closed. */
    static final class Malformed extends Exception {
        final int status;

        Malformed(int status, String detail) {
            super(detail, null, false, false);
            this.status = status;
        }
    }

    private final Handler handler;
    private final ServerSocket socket;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    GatewayHttpServer(int port, Handler handler) throws IOException {
        this.handler = handler;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        Thread.ofPlatform().daemon().name("gateway accept").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(GatewayHttpServer::quietlyClose);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                open.add(connection);
                Thread.ofVirtual().name("gateway connection").start(() -> serve(connection));
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException("the gateway stopped accepting connections", e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(IDLE_TIMEOUT_MS);
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = new BufferedOutputStream(connection.getOutputStream());
            String sourceIp = connection.getInetAddress().getHostAddress();
            boolean keepAlive = true;
            while (keepAlive && !closed) {
                GatewayRequest request;
                try {
                    request = read(in, out, sourceIp);
                } catch (Malformed e) {
                    write(out, HttpApiResponse.problem(e.status, e.getMessage()), false, false);
                    return;
                }
                if (request == null) {
                    return; // the client closed the connection between requests
                }
                keepAlive = keepAlive(request);
                write(out, handler.handle(request), request.method().equals("HEAD"), keepAlive);
            }
        } catch (IOException gone) {
            // the client went away or timed out: nothing to answer
        } finally {
            open.remove(connection);
        }
    }

    /** The next request, or null at a clean end of the connection. */
    static GatewayRequest read(InputStream in, OutputStream out, String sourceIp) throws IOException, Malformed {
        String requestLine;
        int emptyLines = 0;
        do { // RFC 9112 2.2: ignore at least one empty line before a request
            requestLine = line(in, MAX_REQUEST_LINE, 414, "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty() && ++emptyLines < 4);
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3) {
            throw new Malformed(400, "the request line is not METHOD SP TARGET SP VERSION");
        }
        String method = parts[0];
        if (method.isEmpty() || !method.chars().allMatch(GatewayHttpServer::isTokenChar)) {
            throw new Malformed(400, "the method is not an HTTP token");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new Malformed(400, "the HTTP version is not HTTP/1.1 or HTTP/1.0");
        }
        String target = originForm(parts[1]);
        int query = target.indexOf('?');
        String rawPath = query < 0 ? target : target.substring(0, query);
        String rawQuery = query < 0 ? "" : target.substring(query + 1);
        Map<String, List<String>> headers = headers(in);
        byte[] body = body(in, out, headers, parts[2]);
        return new GatewayRequest(method.toUpperCase(Locale.ROOT), rawPath, rawQuery, parts[2], headers, body, sourceIp);
    }

    /** The path and query of the target, checked character by character (RFC 3986) with its escapes. */
    private static String originForm(String target) throws Malformed {
        String t = target;
        int scheme = t.indexOf("://");
        if (scheme > 0 && (t.regionMatches(true, 0, "http://", 0, 7) || t.regionMatches(true, 0, "https://", 0, 8))) {
            int slash = t.indexOf('/', scheme + 3);
            t = slash < 0 ? "/" : t.substring(slash); // absolute-form: the authority is the Host's business
        }
        if (!t.startsWith("/")) {
            throw new Malformed(400, "the request target is not a path starting with /");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%') {
                if (i + 2 >= t.length() || !isHex(t.charAt(i + 1)) || !isHex(t.charAt(i + 2))) {
                    throw new Malformed(400, "the request target has a percent sign not followed by two hex digits");
                }
                i += 2;
            } else if (!isTargetChar(c)) {
                throw new Malformed(400, "the request target has a character that must be percent-encoded"
                        + (c > 0x20 && c < 0x7f ? " ('" + c + "')" : ""));
            }
        }
        return t;
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException, Malformed {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = line(in, MAX_HEADER_BYTES, 431, "the headers are larger than " + MAX_HEADER_BYTES + " bytes");
            if (line == null) {
                throw new Malformed(400, "the request ended inside its headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new Malformed(431, "the headers are larger than " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new Malformed(400, "a header line is folded (obsolete line folding is not accepted)");
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon);
            if (name.isEmpty() || !name.chars().allMatch(GatewayHttpServer::isTokenChar)) {
                throw new Malformed(400, "a header line is not NAME: VALUE with a token as its name");
            }
            String value = line.substring(colon + 1).strip();
            if (value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                throw new Malformed(400, "a header value has a control character");
            }
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
        }
    }

    private static byte[] body(InputStream in, OutputStream out, Map<String, List<String>> headers, String version)
            throws IOException, Malformed {
        List<String> transferEncoding = headers.get("transfer-encoding");
        List<String> contentLength = headers.get("content-length");
        if (transferEncoding != null && contentLength != null) {
            throw new Malformed(400, "a request may have Content-Length or Transfer-Encoding, not both");
        }
        boolean chunked = false;
        long length = 0;
        if (transferEncoding != null) {
            if (!String.join(",", transferEncoding).strip().equalsIgnoreCase("chunked")) {
                throw new Malformed(400, "the only transfer coding accepted is chunked");
            }
            chunked = true;
        } else if (contentLength != null) {
            String value = contentLength.getFirst();
            if (contentLength.stream().anyMatch(v -> !v.equals(value)) || value.isEmpty() || value.length() > 18
                    || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Malformed(400, "Content-Length is not one decimal number");
            }
            length = Long.parseLong(value);
            if (length > MAX_BODY_BYTES) {
                throw new Malformed(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
        }
        if (!chunked && length == 0) {
            return new byte[0];
        }
        List<String> expect = headers.get("expect");
        if (expect != null && version.equals("HTTP/1.1") && expect.getFirst().equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return chunked ? chunks(in) : exactly(in, (int) length);
    }

    private static byte[] chunks(InputStream in) throws IOException, Malformed {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in, 1024, 400, "a chunk size line is too long");
            if (sizeLine == null) {
                throw new Malformed(400, "the request ended inside its chunked body");
            }
            int extension = sizeLine.indexOf(';');
            String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> isHex((char) c))) {
                throw new Malformed(400, "a chunk size is not a hexadecimal number");
            }
            long size = Long.parseLong(hex, 16);
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new Malformed(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                headers(in); // trailers: read and dropped, as API Gateway does
                return body.toByteArray();
            }
            body.write(exactly(in, (int) size));
            String end = line(in, 2, 400, "a chunk is longer than its size");
            if (end == null || !end.isEmpty()) {
                throw new Malformed(400, "a chunk is longer than its size");
            }
        }
    }

    private static byte[] exactly(InputStream in, int length) throws IOException, Malformed {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new Malformed(400, "the request ended before its body did");
        }
        return bytes;
    }

    /** One line without its CRLF (a bare LF is accepted), bytes as ISO-8859-1; null at end of stream before any byte. */
    private static String line(InputStream in, int max, int tooLongStatus, String tooLong) throws IOException, Malformed {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                if (line.isEmpty()) {
                    return null;
                }
                throw new Malformed(400, "the request ended in the middle of a line");
            }
            if (line.length() >= max) {
                throw new Malformed(tooLongStatus, tooLong);
            }
            line.append((char) b);
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            line.setLength(end - 1);
        }
        if (line.indexOf("\r") >= 0) {
            throw new Malformed(400, "a line has a carriage return that does not end it");
        }
        return line.toString();
    }

    private static boolean keepAlive(GatewayRequest request) {
        String connection = String.join(",", request.headers().getOrDefault("connection", List.of())).toLowerCase(Locale.ROOT);
        return request.protocol().equals("HTTP/1.1") ? !connection.contains("close") : connection.contains("keep-alive");
    }

    private static void write(OutputStream out, HttpApiResponse response, boolean headRequest, boolean keepAlive) throws IOException {
        int status = response.status();
        boolean noBody = status == 204 || status == 304 || status < 200;
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> h : response.headers()) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        if (!noBody) {
            head.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (!keepAlive) {
            head.append("Connection: close\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody && !headRequest) {
            out.write(response.body());
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(int c) {
        return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }

    /** RFC 3986 pchar, '/' and '?' (unreserved, sub-delims, ':' and '@'); '%' is checked by the caller. */
    private static boolean isTargetChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static void quietlyClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
