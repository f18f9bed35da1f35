package dev.articles.http;

import dev.articles.core.FieldError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters read from the raw query string. API Gateway's {@code queryStringParameters} joins a
 * repeated parameter with commas, which cannot be told from one value holding a comma; the raw string can.
 */
public final class QueryParameters {

    private QueryParameters() {}

    /**
     * @param known the parameters the route takes; any other, a repeated one or a malformed one is a 400
     */
    public static Map<String, String> parse(String rawQueryString, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        if (rawQueryString != null && !rawQueryString.isEmpty()) {
            for (String pair : rawQueryString.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
                if (name == null || value == null) {
                    errors.add(new FieldError(name == null ? pair : name, "is not correctly percent-encoded UTF-8"));
                } else if (!known.contains(name)) {
                    errors.add(new FieldError(name, "is not a parameter of this route"));
                } else if (values.putIfAbsent(name, value) != null) {
                    errors.add(new FieldError(name, "must be given at most once"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(Problem.Type.INVALID_PARAMETER,
                    "The query string is invalid; this route takes " + String.join(", ", known.stream().sorted().toList()) + ".",
                    errors);
        }
        return values;
    }

    /** Percent-decoding with '+' as a space, as HTML forms and most clients encode; null when malformed. */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return null;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                int codePoint = text.codePointAt(i);
                byte[] raw = Character.toString(codePoint).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
