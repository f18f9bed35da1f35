package dev.articles.http;

import java.util.Locale;

/** The checks on a request body that come before its JSON is read: media type and size. */
public final class RequestBodies {

    /** The contract's limit on a request body. */
    public static final int MAX_BYTES = 400_000;

    private RequestBodies() {}

    /** {@code application/json} with any parameters, but a charset only if it is UTF-8. */
    public static void requireJson(HttpRequest request) {
        String contentType = request.header("content-type").orElse("");
        String[] parts = contentType.split(";", -1); // -1: ";" alone is two empty parts, not none
        boolean json = parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip().replace("\"", "");
                json = charset.equalsIgnoreCase("utf-8");
            }
        }
        if (!json) {
            throw new ProblemException(Problem.Type.UNSUPPORTED_MEDIA_TYPE,
                    "Send the article as Content-Type: application/json (UTF-8).");
        }
    }

    public static void requireAtMost(HttpRequest request, int maxBytes) {
        if (request.body().length > maxBytes) {
            throw new ProblemException(Problem.Type.PAYLOAD_TOO_LARGE,
                    "The request body is " + request.body().length + " bytes; the limit is " + maxBytes + ".");
        }
    }
}
