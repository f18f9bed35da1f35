package dev.articles.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.articles.jwt.VerifiedJwt;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The local API Gateway HTTP API: routes requests to function pools as payload 2.0 events, CORS included. */
final class HttpApiServer implements AutoCloseable {

    /** Hop-by-hop and framing headers are the server's business, not the function's. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "date");

    private final Router router;
    private final JwtAuthorization authorization;
    private final Optional<CorsPolicy> cors;
    private final Map<String, FunctionPool> pools;
    private final LambdaLog log;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    HttpApiServer(int port, Router router, JwtAuthorization authorization, Optional<CorsPolicy> cors,
                  Map<String, FunctionPool> pools, LambdaLog log) {
        this.router = router;
        this.authorization = authorization;
        this.cors = cors;
        this.pools = pools;
        this.log = log;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another server running there? Choose another with --port", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long begin = System.nanoTime();
        try (exchange) {
            GatewayRequest request = read(exchange);
            String requestId = HttpApiEvent.newRequestId();
            String target;
            HttpApiResponse response;
            Map<String, String> joined = request.joinedHeaders();
            if (cors.isPresent() && CorsPolicy.isPreflight(request.method(), joined)) {
                target = "CORS preflight";
                List<Map.Entry<String, String>> headers = new ArrayList<>(cors.get().preflightHeaders(joined).entrySet());
                response = new HttpApiResponse(204, headers, new byte[0]);
            } else {
                Optional<Router.Match> match = router.route(request.method(), request.rawPath());
                if (match.isEmpty()) {
                    target = "no route";
                    response = HttpApiResponse.notFound();
                } else {
                    target = match.get().route().functionLogicalId();
                    // As API Gateway: the authorizer first; a rejected request never reaches the function.
                    response = switch (authorization.authorize(match.get().route(), joined)) {
                        case JwtAuthorization.Outcome.Open open -> invoke(request, match.get(), requestId, Optional.empty());
                        case JwtAuthorization.Outcome.Verified verified ->
                                invoke(request, match.get(), requestId, Optional.of(verified.jwt()));
                        case JwtAuthorization.Outcome.Rejected rejected -> {
                            target = "JWT authorizer (" + rejected.reason() + ")";
                            yield rejected.response();
                        }
                    };
                }
                if (cors.isPresent()) {
                    response = withCors(response, cors.get().responseHeaders(Optional.ofNullable(joined.get("origin"))));
                }
            }
            send(exchange, response, requestId);
            log.info(String.format(Locale.ROOT, "%s %s%s -> %s %d (%.0f ms)", request.method(), request.rawPath(),
                    request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery(), target, response.status(),
                    (System.nanoTime() - begin) / 1e6));
        } catch (RuntimeException e) {
            log.info("error serving " + exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private HttpApiResponse invoke(GatewayRequest request, Router.Match match, String requestId, Optional<VerifiedJwt> jwt) {
        FunctionPool pool = pools.get(match.route().functionLogicalId());
        if (pool == null) {
            return HttpApiResponse.internalServerError();
        }
        byte[] event = PlainJson.write(HttpApiEvent.build(request, match, requestId, Instant.now(), jwt));
        return HttpApiResponse.fromResult(pool.invoke(event));
    }

    private static HttpApiResponse withCors(HttpApiResponse response, Map<String, String> corsHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().stream().filter(h -> !CorsPolicy.isCorsHeader(h.getKey())).forEach(headers::add);
        headers.addAll(corsHeaders.entrySet());
        return new HttpApiResponse(response.status(), headers, response.body());
    }

    private static GatewayRequest read(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        InetSocketAddress remote = exchange.getRemoteAddress();
        // What API Gateway adds on the way in.
        headers.putIfAbsent("x-forwarded-for", List.of(remote.getAddress().getHostAddress()));
        headers.putIfAbsent("x-forwarded-port", List.of(Integer.toString(exchange.getLocalAddress().getPort())));
        headers.putIfAbsent("x-forwarded-proto", List.of("http"));
        return new GatewayRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(), rawQuery,
                exchange.getProtocol(), headers, body, remote.getAddress().getHostAddress());
    }

    private static void send(HttpExchange exchange, HttpApiResponse response, String requestId) throws IOException {
        var headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> h : response.headers()) {
            if (!DROPPED_RESPONSE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        }
        headers.set("apigw-requestid", requestId);
        int status = response.status();
        boolean noBody = status == 204 || status == 304 || exchange.getRequestMethod().equals("HEAD")
                || response.body().length == 0;
        exchange.sendResponseHeaders(status, noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
