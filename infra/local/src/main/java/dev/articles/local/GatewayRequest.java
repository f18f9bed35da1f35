package dev.articles.local;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A request as the gateway received it.
 *
 * @param headers lower-cased names, each with its values in order of arrival
 * @param rawQuery the query string as sent, without the {@code ?}; empty when none
 */
record GatewayRequest(String method, String rawPath, String rawQuery, String protocol,
                      Map<String, List<String>> headers, byte[] body, String sourceIp) {

    /** Each header's values joined with commas, as payload 2.0 carries repeated headers. */
    Map<String, String> joinedHeaders() {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> String.join(",", e.getValue()), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
