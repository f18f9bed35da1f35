package dev.articles.local;

import dev.articles.template.RouteSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * API Gateway HTTP API route selection: among the routes whose method (or ANY) and path match, the most
 * specific path wins (a literal segment beats a {@code {variable}}, which beats a greedy {@code {proxy+}}),
 * and on the same path an exact method beats ANY; with no match, the {@code $default} route.
 */
final class Router {

    /** A selected route and the decoded values of its path variables (empty for none). */
    record Match(RouteSpec route, Map<String, String> pathParameters) {
    }

    private final List<Pattern> patterns;
    private final Optional<RouteSpec> defaultRoute;

    Router(List<RouteSpec> routes) {
        this.patterns = routes.stream().filter(r -> !r.isDefault()).map(Pattern::new).toList();
        this.defaultRoute = routes.stream().filter(RouteSpec::isDefault).findFirst();
    }

    Optional<Match> route(String method, String rawPath) {
        String[] segments = segments(rawPath);
        List<Candidate> candidates = new ArrayList<>();
        for (Pattern pattern : patterns) {
            String routeMethod = pattern.route.method();
            if (!routeMethod.equals("ANY") && !routeMethod.equals(method)) {
                continue;
            }
            Map<String, String> parameters = pattern.match(segments);
            if (parameters != null) {
                candidates.add(new Candidate(pattern, parameters));
            }
        }
        return candidates.stream().min(Comparator.<Candidate, String>comparing(c -> c.pattern.rank)
                        .thenComparing(c -> c.pattern.route.method().equals("ANY")))
                .map(c -> new Match(c.pattern.route, c.parameters))
                .or(() -> defaultRoute.map(r -> new Match(r, Map.of())));
    }

    private record Candidate(Pattern pattern, Map<String, String> parameters) {
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    /** A route's path, split into segments, with a rank where a smaller string is more specific. */
    private static final class Pattern {
        final RouteSpec route;
        final String[] segments;
        final boolean greedy;
        final String rank;

        Pattern(RouteSpec route) {
            this.route = route;
            this.segments = segments(route.path());
            this.greedy = segments.length > 0 && segments[segments.length - 1].matches("\\{.+\\+}");
            StringBuilder rank = new StringBuilder(greedy ? "1" : "0");
            for (String s : segments) {
                rank.append(s.startsWith("{") ? (s.endsWith("+}") ? '2' : '1') : '0');
            }
            this.rank = rank.toString();
        }

        /** The path variables when the request path matches, else null. */
        Map<String, String> match(String[] request) {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                boolean last = i == segments.length - 1;
                if (last && greedy) {
                    if (request.length <= i) {
                        return null;
                    }
                    String rest = String.join("/", java.util.Arrays.copyOfRange(request, i, request.length));
                    if (rest.isEmpty()) {
                        return null;
                    }
                    parameters.put(s.substring(1, s.length() - 2), decode(rest));
                    return parameters;
                }
                if (i >= request.length) {
                    return null;
                }
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (request[i].isEmpty()) {
                        return null;
                    }
                    parameters.put(s.substring(1, s.length() - 1), decode(request[i]));
                } else if (!s.equals(request[i])) {
                    return null;
                }
            }
            return request.length == segments.length ? parameters : null;
        }

        private static String decode(String segment) {
            // Path segments: '+' is a literal plus, only %XX escapes are decoded.
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }
}
