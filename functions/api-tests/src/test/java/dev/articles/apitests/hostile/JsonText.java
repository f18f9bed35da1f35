package dev.articles.apitests.hostile;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * JSON written by hand, so that every legal spelling turns up: escapes where none are needed, white space
 * between any two tokens, numbers JSON allows but no Java type holds.
 */
final class JsonText {

    private static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "0.5", "1e308", "1e309", "-1e309",
            "5e-324", "1E-400", "1e999999999", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
            "1.7976931348623157e308", "0.000000000000000000000000000001", "123456789012345678901234567890.5e-7");

    private JsonText() {}

    /** A JSON string literal of {@code s}; a lone surrogate can only be written as an escape, so it always is. */
    static String string(Random r, String s) {
        int escapeRate = r.nextInt(4) == 0 ? r.nextInt(100) : 0;
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            if (pair) {
                boolean escape = escapeRate > 0 && r.nextInt(100) < escapeRate;
                out.append(escape ? String.format("\\u%04x\\u%04x", (int) c, (int) s.charAt(i + 1)) : s.substring(i, i + 2));
                i++;
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(switch (c) {
                    case '\n' -> r.nextBoolean() ? "\\n" : "\\u000a";
                    case '\t' -> r.nextBoolean() ? "\\t" : "\\u0009";
                    case '\r' -> "\\r";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> String.format("\\u%04x", (int) c);
                });
            } else if (Character.isSurrogate(c) || (escapeRate > 0 && r.nextInt(100) < escapeRate)) {
                out.append(String.format(r.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else if (c == '/' && r.nextInt(10) == 0) {
                out.append("\\/");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** White space between tokens: usually none. */
    static String ws(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> " ";
            case 1 -> "\n  ";
            case 2 -> "\t";
            case 3 -> "\r\n";
            default -> "";
        };
    }

    static String number(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Long.toString(r.nextLong());
            case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20) + "";
            case 2 -> "9".repeat(1 + r.nextInt(r.nextBoolean() ? 40 : 1500));
            default -> RandomText.pick(r, NUMBERS);
        };
    }

    /** Any JSON value, nested at most {@code depth} more levels. */
    static String value(Random r, int depth) {
        int kind = r.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> r.nextBoolean() ? "true" : "false";
            case 2 -> number(r);
            case 3, 4 -> string(r, RandomText.any(r, 40));
            case 5 -> {
                StringBuilder a = new StringBuilder("[").append(ws(r));
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    a.append(i == 0 ? "" : "," + ws(r)).append(value(r, depth - 1)).append(ws(r));
                }
                yield a.append(']').toString();
            }
            default -> {
                StringBuilder o = new StringBuilder("{").append(ws(r));
                int n = r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    o.append(i == 0 ? "" : "," + ws(r)).append(string(r, i + RandomText.any(r, 10)))
                            .append(ws(r)).append(':').append(ws(r)).append(value(r, depth - 1));
                }
                yield o.append(ws(r)).append('}').toString();
            }
        };
    }

    /** An object of already written member values, in the given order. */
    static String object(Random r, Map<String, String> members) {
        StringBuilder o = new StringBuilder("{").append(ws(r));
        boolean first = true;
        for (Map.Entry<String, String> m : members.entrySet()) {
            o.append(first ? "" : "," + ws(r)).append(string(r, m.getKey())).append(ws(r)).append(':').append(ws(r))
                    .append(m.getValue()).append(ws(r));
            first = false;
        }
        return o.append('}').toString();
    }

    /** {@code inner} wrapped in {@code levels} arrays or objects. */
    static String nested(Random r, int levels, String inner) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 0; i < levels; i++) {
            boolean array = r.nextBoolean();
            open.append(array ? "[" : "{\"a\":");
            close.insert(0, array ? "]" : "}");
        }
        return open + inner + close;
    }
}
