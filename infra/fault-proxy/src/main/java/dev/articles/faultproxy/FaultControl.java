package dev.articles.faultproxy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Request;

/**
 * The control endpoint, so a shell or another process can inject faults:
 * <ul>
 *   <li>{@code POST /__faults?fault=throttling&operation=PutItem&matching=ARTICLE&times=2} arms a fault
 *       ({@code fault}: throttling, throttlingException, internalServerError, serviceUnavailable, delay (with
 *       {@code delayMs}), drop; the other parameters are optional; {@code after=n} lets n matching requests pass first);</li>
 *   <li>{@code DELETE /__faults} clears faults and counters;</li>
 *   <li>{@code GET /__faults} gives the counters: {@code {"PutItem":{"requests":3,"faults":2}}}.</li>
 * </ul>
 */
final class FaultControl {

    static final String PATH = "/__faults";
    private static final Set<String> PARAMETERS = Set.of("fault", "operation", "matching", "times", "after", "delayMs");

    private final FaultProxy proxy;

    FaultControl(FaultProxy proxy) {
        this.proxy = proxy;
    }

    /** Answers a request to {@link #PATH}. */
    HttpReply handle(Request request) {
        return switch (request.getMethod()) {
            case "POST" -> arm(request);
            case "DELETE" -> {
                proxy.clear();
                yield HttpReply.noContent();
            }
            case "GET" -> HttpReply.json(200, countsJson());
            default -> new HttpReply(405, "text/plain; charset=utf-8", Map.of("Allow", "GET, POST, DELETE"),
                    "use GET, POST or DELETE");
        };
    }

    private HttpReply arm(Request request) {
        Map<String, String> query = query(request);
        var unknown = query.keySet().stream().filter(k -> !PARAMETERS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            return HttpReply.text(400, "unknown parameters " + unknown + "; known: " + PARAMETERS);
        }
        try {
            Fault fault = switch (query.getOrDefault("fault", "")) {
                case "throttling" -> Fault.throttling();
                case "throttlingException" -> Fault.throttlingException();
                case "internalServerError" -> Fault.internalServerError();
                case "serviceUnavailable" -> Fault.serviceUnavailable();
                case "delay" -> Fault.delay(Duration.ofMillis(Long.parseLong(required(query, "delayMs"))));
                case "drop" -> Fault.dropConnection();
                default -> throw new IllegalArgumentException("fault must be one of throttling, throttlingException, "
                        + "internalServerError, serviceUnavailable, delay, drop");
            };
            if (query.containsKey("operation")) {
                fault = fault.on(query.get("operation"));
            }
            if (query.containsKey("matching")) {
                fault = fault.matching(query.get("matching"));
            }
            if (query.containsKey("times")) {
                fault = fault.times(Integer.parseInt(query.get("times")));
            }
            if (query.containsKey("after")) {
                fault = fault.after(Integer.parseInt(query.get("after")));
            }
            proxy.inject(fault);
            return HttpReply.noContent();
        } catch (IllegalArgumentException e) { // NumberFormatException included
            return HttpReply.text(400, e.getMessage());
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** The query's parameters, decoded by Jetty; a repeated one counts once. */
    private static Map<String, String> query(Request request) {
        var query = new HashMap<String, String>();
        Request.extractQueryParameters(request).forEach(field -> query.put(field.getName(), field.getValue()));
        return query;
    }

    private String countsJson() {
        return proxy.counts().entrySet().stream()
                .map(e -> quote(e.getKey()) + ":{\"requests\":" + e.getValue().requests()
                        + ",\"faults\":" + e.getValue().faults() + "}")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        var quoted = new StringBuilder("\"");
        text.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append((char) c);
            } else if (c < 0x20) {
                quoted.append(String.format("\\u%04x", c));
            } else {
                quoted.append((char) c);
            }
        });
        return quoted.append('"').toString();
    }
}
