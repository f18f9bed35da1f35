package dev.articles.local;

import dev.articles.template.CorsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CORS behaviour of an HTTP API with a CorsConfiguration: API Gateway answers preflights itself (never
 * reaching a function), adds the configured headers to responses for allowed origins, and drops the CORS
 * headers a function sets.
 */
final class CorsPolicy {

    private final CorsSpec spec;
    private final List<Pattern> origins;

    CorsPolicy(CorsSpec spec) {
        this.spec = spec;
        this.origins = spec.allowOrigins().stream().map(CorsPolicy::originPattern).toList();
    }

    /** A preflight: OPTIONS with both Origin and Access-Control-Request-Method. */
    static boolean isPreflight(String method, Map<String, String> headers) {
        return method.equals("OPTIONS") && headers.containsKey("origin")
                && headers.containsKey("access-control-request-method");
    }

    /**
     * The headers of the gateway's own 204 answer to a preflight: the CORS ones when the origin, the method and
     * every requested header are allowed, none otherwise (the browser then refuses the request).
     */
    Map<String, String> preflightHeaders(Map<String, String> requestHeaders) {
        Map<String, String> out = new LinkedHashMap<>();
        String origin = requestHeaders.get("origin");
        String method = requestHeaders.get("access-control-request-method").trim();
        if (!originAllowed(origin) || !listed(spec.allowMethods(), method)) {
            return out;
        }
        String requested = requestHeaders.getOrDefault("access-control-request-headers", "");
        for (String header : requested.split(",")) {
            if (!header.isBlank() && !listed(spec.allowHeaders(), header.trim())) {
                return out;
            }
        }
        out.put("access-control-allow-origin", allowOriginValue(origin));
        if (spec.allowCredentials()) {
            out.put("access-control-allow-credentials", "true");
        }
        if (!spec.allowMethods().isEmpty()) {
            out.put("access-control-allow-methods", String.join(",", spec.allowMethods()));
        }
        if (!spec.allowHeaders().isEmpty()) {
            out.put("access-control-allow-headers", String.join(",", spec.allowHeaders()).toLowerCase(Locale.ROOT));
        }
        spec.maxAge().ifPresent(age -> out.put("access-control-max-age", Integer.toString(age)));
        return out;
    }

    /** The CORS headers for a routed request's response, when it came with an allowed Origin. */
    Map<String, String> responseHeaders(Optional<String> origin) {
        Map<String, String> out = new LinkedHashMap<>();
        if (origin.isEmpty() || !originAllowed(origin.get())) {
            return out;
        }
        out.put("access-control-allow-origin", allowOriginValue(origin.get()));
        if (spec.allowCredentials()) {
            out.put("access-control-allow-credentials", "true");
        }
        if (!spec.exposeHeaders().isEmpty()) {
            out.put("access-control-expose-headers", String.join(",", spec.exposeHeaders()).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** Whether the gateway drops this header from a function's response (it owns CORS). */
    static boolean isCorsHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("access-control-");
    }

    private boolean originAllowed(String origin) {
        return origin != null && origins.stream().anyMatch(p -> p.matcher(origin).matches());
    }

    /** {@code *} when every origin is allowed (and no credentials), else the origin itself. */
    private String allowOriginValue(String origin) {
        return spec.allowOrigins().contains("*") && !spec.allowCredentials() ? "*" : origin;
    }

    private static boolean listed(List<String> allowed, String value) {
        return allowed.stream().anyMatch(a -> a.equals("*") || a.equalsIgnoreCase(value));
    }

    /** Configured origins may hold {@code *} wildcards, as in {@code https://*.example.org}. */
    private static Pattern originPattern(String origin) {
        StringBuilder regex = new StringBuilder();
        for (String part : origin.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
