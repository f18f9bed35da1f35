package dev.articles.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The local gateway's HTTP/1.1 server on a loopback port: Jetty's (core, no servlets) parses the requests, and
 * whatever it cannot parse reaches {@link #problem} instead of Jetty's HTML error page, so every bad request gets
 * the contract's Problem Details (400, 413, 414, 431), never HTML or a class name, never a 5xx. Jetty stays out
 * of the route's business: the target reaches the router raw, as API Gateway passes it, checked here against
 * RFC 3986's characters (the JDK's com.sun.net.httpserver, the first choice, answers such a target with its own
 * HTML page naming URISyntaxException, and has no hook to change that).
 */
final class GatewayHttpServer implements AutoCloseable {

    /** API Gateway's payload limit. */
    static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    private static final int MAX_TARGET = 8 * 1024;
    /** The request line and headers together: beyond, Jetty answers 414 (in the request line) or 431. */
    private static final int MAX_HEADER_BYTES = 32 * 1024;
    private static final int IDLE_TIMEOUT_MS = 60_000;
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** Jetty's reason for a bad request, shown when it is plain words (never an exception's name). */
    private static final Pattern PLAIN_REASON = Pattern.compile("[A-Za-z][A-Za-z0-9 ,:=/.()'-]{0,119}");

    static {
        // Unless told, Jetty starts the platform MBean server only to ask whether oops are compressed (0.1 s of
        // serve's start, 0.5 s in a bare JVM): they are (16 references per 64-byte cache line) on heaps below 32 GB.
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    /** Answers one parsed request (never null, never throws for a request it does not like). */
    interface RequestHandler {
        HttpApiResponse handle(GatewayRequest request);
    }

    private final Server server;
    private final ServerConnector connector;

    GatewayHttpServer(int port, RequestHandler handler) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("gateway");
        threads.setDaemon(true);
        server = new Server(threads, new ScheduledExecutorScheduler("gateway-scheduler", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setUriCompliance(UriCompliance.UNSAFE); // the target's checks are ours (targetProblem), the route's the router's
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                write(response, answer(request, handler), callback);
                return true;
            }
        });
        server.setErrorHandler(GatewayHttpServer::problem);
        try {
            server.start();
        } catch (IOException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the gateway did not start", e);
        }
    }

    /**
     * Starts and stops a server on a free port, so that the classes a gateway's start needs are loaded and linked
     * (about 0.2 s of Jetty's) on whichever thread calls it: serve calls it beside starting its engines.
     */
    static void warmUp() {
        try (GatewayHttpServer warm = new GatewayHttpServer(0, request -> HttpApiResponse.problem(503, "warming up"))) {
            warm.port();
        } catch (IOException | RuntimeException e) {
            // Only a head start: the gateway's own start reports what goes wrong.
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    private static HttpApiResponse answer(Request request, RequestHandler handler) {
        HttpURI uri = request.getHttpURI();
        String method = request.getMethod();
        if (method.isEmpty() || !method.chars().allMatch(GatewayHttpServer::isTokenChar)) {
            return HttpApiResponse.problem(400, "the method is not an HTTP token");
        }
        String rawPath = uri.getPath() == null ? "" : uri.getPath();
        String rawQuery = uri.getQuery() == null ? "" : uri.getQuery();
        if (rawPath.length() + rawQuery.length() > MAX_TARGET) {
            return HttpApiResponse.problem(414, "the request target is longer than " + MAX_TARGET + " bytes");
        }
        String targetProblem = targetProblem(rawPath, rawQuery);
        if (targetProblem != null) {
            return HttpApiResponse.problem(400, targetProblem);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getLowerCaseName(), n -> new ArrayList<>()).add(field.getValue());
        }
        if (request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH) > MAX_BODY_BYTES) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readNBytes(MAX_BODY_BYTES + 1); // a chunked body has no length to check before
        } catch (IOException e) {
            return HttpApiResponse.problem(400, "the body could not be read as its framing says");
        }
        if (body.length > MAX_BODY_BYTES) {
            return tooLarge();
        }
        return handler.handle(new GatewayRequest(method.toUpperCase(Locale.ROOT), rawPath, rawQuery,
                request.getConnectionMetaData().getHttpVersion().asString(), headers, body, Request.getRemoteAddr(request)));
    }

    private static HttpApiResponse tooLarge() {
        return HttpApiResponse.problem(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    /** Why the target is not origin-form (a path from /, RFC 3986 characters and well-formed escapes), or null. */
    private static String targetProblem(String path, String query) {
        if (!path.startsWith("/")) {
            return "the request target is not a path starting with /";
        }
        String t = query.isEmpty() ? path : path + "?" + query;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '%') {
                if (i + 2 >= t.length() || !isHex(t.charAt(i + 1)) || !isHex(t.charAt(i + 2))) {
                    return "the request target has a percent sign not followed by two hex digits";
                }
                i += 2;
            } else if (!isTargetChar(c)) {
                return "the request target has a character that must be percent-encoded"
                        + (c > 0x20 && c < 0x7f ? " ('" + c + "')" : "");
            }
        }
        return null;
    }

    /** Jetty's error path (a request it could not parse, too large, or unanswered): Problem Details, never 5xx. */
    private static boolean problem(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer s && s >= 400 && s < 500 ? s : 400;
        String reason = request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String r ? r : "";
        boolean plain = PLAIN_REASON.matcher(reason).matches() && !reason.contains("Exception") && !reason.equals("Bad Request");
        String detail = switch (status) {
            case 413 -> "the body is larger than " + MAX_BODY_BYTES + " bytes";
            case 414 -> "the request line is longer than " + MAX_HEADER_BYTES + " bytes";
            case 431 -> "the headers are larger than " + MAX_HEADER_BYTES + " bytes";
            default -> "the request is not well-formed HTTP/1.1" + (plain ? " (" + reason + ")" : "");
        };
        write(response, HttpApiResponse.problem(status, detail), callback);
        return true;
    }

    private static void write(Response response, HttpApiResponse answer, Callback callback) {
        int status = answer.status();
        response.setStatus(status);
        for (Map.Entry<String, String> h : answer.headers()) {
            response.getHeaders().add(h.getKey(), h.getValue());
        }
        boolean noBody = status == 204 || status == 304 || status < 200;
        if (noBody) {
            response.write(true, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        response.write(true, ByteBuffer.wrap(answer.body()), callback); // Jetty drops it for a HEAD
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
}
