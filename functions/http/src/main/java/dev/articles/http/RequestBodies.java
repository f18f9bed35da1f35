package dev.articles.http;

import java.util.Locale;
import java.util.Set;

/** The checks on a request body that come before its JSON is read: media type and size. */
public final class RequestBodies {

    /** The contract's limit on a request body. */
    public static final int MAX_BYTES = 400_000;

    private RequestBodies() {}

    /** {@code application/json} with any parameters, but a charset only if it is UTF-8. */
    public static void requireJson(HttpRequest request) {
        require(request, Set.of("application/json"), "Send the article as Content-Type: application/json (UTF-8).");
    }

    /** An edit's body: {@code application/merge-patch+json} (RFC 7396), or {@code application/json} read the same way. */
    public static void requireMergePatch(HttpRequest request) {
        require(request, Set.of("application/merge-patch+json", "application/json"),
                "Send the changes as Content-Type: application/merge-patch+json (UTF-8).");
    }

    private static void require(HttpRequest request, Set<String> mediaTypes, String detail) {
        String contentType = request.header("content-type").orElse("");
        String[] parts = contentType.split(";", -1); // -1: ";" alone is two empty parts, not none
        boolean json = mediaTypes.contains(parts[0].strip().toLowerCase(Locale.ROOT));
        for (int i = 1; json && i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
                json = charset.equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw new ProblemException(Problem.Type.UNSUPPORTED_MEDIA_TYPE, detail);
        }
    }

    public static void requireAtMost(HttpRequest request, int maxBytes) {
        if (request.body().length > maxBytes) {
            throw new ProblemException(Problem.Type.PAYLOAD_TOO_LARGE,
                    "The request body is " + request.body().length + " bytes; the limit is " + maxBytes + ".");
        }
    }
}
