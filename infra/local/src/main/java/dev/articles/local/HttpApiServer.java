package dev.articles.local;

import dev.articles.jwt.VerifiedJwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The local API Gateway HTTP API: routes requests to function pools as payload 2.0 events, CORS included. */
final class HttpApiServer implements AutoCloseable {

    /** Hop-by-hop and framing headers are the server's business, not the function's. */
    private static final Set<String> DROPPED_RESPONSE_HEADERS = Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "date");

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");

    private final Router router;
    private final JwtAuthorization authorization;
    private final Optional<CorsPolicy> cors;
    private final Map<String, FunctionPool> pools;
    private final LambdaLog log;
    private final ApiReference reference;
    private final GatewayHttpServer server;
    private final Runnable written;

    /**
     * @param reference GET /docs and below, answered here and never routed: serve's own page, not the API's
     * @param written   runs after each write a function accepted (2xx to POST, PATCH, DELETE): what a table stream sees
     */
    HttpApiServer(int port, Router router, JwtAuthorization authorization, Optional<CorsPolicy> cors,
                  Map<String, FunctionPool> pools, LambdaLog log, ApiReference reference, Runnable written) {
        this.reference = reference;
        this.written = written;
        this.router = router;
        this.authorization = authorization;
        this.cors = cors;
        this.pools = pools;
        this.log = log;
        try {
            server = new GatewayHttpServer(port, this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); is another server running there? Choose another with --port", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        server.close();
    }

    private HttpApiResponse handle(GatewayRequest received) {
        long begin = System.nanoTime();
        GatewayRequest request = forwarded(received);
        String requestId = HttpApiEvent.newRequestId();
        String target;
        HttpApiResponse response;
        Map<String, String> joined = request.joinedHeaders();
        try {
            Optional<HttpApiResponse> page = reference.answer(request, baseUrl());
            if (page.isPresent()) {
                target = "API reference";
                response = page.get();
            } else if (cors.isPresent() && CorsPolicy.isPreflight(request.method(), joined)) {
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
        } catch (RuntimeException e) {
            log.info("error serving " + request.method() + " " + request.rawPath() + ": " + e);
            target = "gateway error";
            response = HttpApiResponse.internalServerError();
        }
        log.info(String.format(Locale.ROOT, "%s %s%s -> %s %d (%.0f ms)", request.method(), request.rawPath(),
                request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery(), target, response.status(),
                (System.nanoTime() - begin) / 1e6));
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().stream().filter(h -> !DROPPED_RESPONSE_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT)))
                .forEach(headers::add);
        headers.add(Map.entry("apigw-requestid", requestId));
        return new HttpApiResponse(response.status(), headers, response.body());
    }

    private HttpApiResponse invoke(GatewayRequest request, Router.Match match, String requestId, Optional<VerifiedJwt> jwt) {
        FunctionPool pool = pools.get(match.route().functionLogicalId());
        if (pool == null) {
            return HttpApiResponse.internalServerError();
        }
        byte[] event = PlainJson.write(HttpApiEvent.build(request, match, requestId, Instant.now(), jwt));
        HttpApiResponse response = HttpApiResponse.fromResult(pool.invoke(event));
        if (WRITES.contains(request.method()) && response.status() / 100 == 2) {
            written.run();
        }
        return response;
    }

    private static HttpApiResponse withCors(HttpApiResponse response, Map<String, String> corsHeaders) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        response.headers().stream().filter(h -> !CorsPolicy.isCorsHeader(h.getKey())).forEach(headers::add);
        headers.addAll(corsHeaders.entrySet());
        return new HttpApiResponse(response.status(), headers, response.body());
    }

    /** What API Gateway adds on the way in. */
    private GatewayRequest forwarded(GatewayRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("x-forwarded-for", List.of(request.sourceIp()));
        headers.putIfAbsent("x-forwarded-port", List.of(Integer.toString(server.port())));
        headers.putIfAbsent("x-forwarded-proto", List.of("http"));
        return new GatewayRequest(request.method(), request.rawPath(), request.rawQuery(), request.protocol(), headers,
                request.body(), request.sourceIp());
    }
}
