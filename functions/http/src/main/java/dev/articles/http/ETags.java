package dev.articles.http;

import dev.articles.core.Sha256;
import java.nio.charset.StandardCharsets;

/** Strong ETags over a response body, and RFC 9110's If-None-Match test (weak comparison). */
public final class ETags {

    private ETags() {}

    public static String of(String body) {
        return '"' + Sha256.base64Url(body.getBytes(StandardCharsets.UTF_8), 16) + '"';
    }

    /**
     * True when {@code If-Match} names this ETag or is "*": RFC 9110's strong comparison, so a weak tag never
     * matches.
     */
    public static boolean ifMatch(String ifMatch, String etag) {
        return names(ifMatch, etag, false);
    }

    /** True when {@code If-None-Match} names this ETag (or is "*"): the client's copy is current. */
    public static boolean matches(String ifNoneMatch, String etag) {
        return names(ifNoneMatch, etag, true);
    }

    /** Whether a comma-separated list of entity tags holds "*" or this one; {@code weak}: W/ tags count too. */
    private static boolean names(String header, String etag, boolean weak) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (weak && tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
