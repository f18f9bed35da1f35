package dev.articles.apitests.hostile;

import java.util.Random;
import java.util.function.IntPredicate;

/** Random text, weighted towards the code points that break parsers, trimming, lower-casing and storage. */
final class RandomText {

    /** Code points with a history: NUL, bidi overrides, zero-width, BOM, non-characters, dotted I, astral. */
    private static final int[] ODD = {0x0000, 0x0007, 0x0008, 0x001B, 0x007F, 0x0085, 0x009F, 0x00A0, 0x00AD,
            0x0130, 0x0131, 0x017F, 0x0301, 0x034F, 0x061C, 0x1680, 0x180E, 0x2000, 0x200B, 0x200D, 0x200E, 0x2028,
            0x2029, 0x202E, 0x2060, 0x2066, 0x3000, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x1F468, 0x10FFFF,
            0xE000, 0x1D11E, 0x0DF4, 0x0022, 0x005C, 0x0025, 0x0026, 0x003D, 0x002B, 0x0023, 0x002F, 0x003C};
    /** Characters String.strip() removes. */
    static final String WHITESPACE = " \t\n\r\u000B\f\u001C\u001F\u2000\u2003\u2028\u2029\u205F\u3000";

    private RandomText() {}

    /** Any code point but a surrogate, weighted towards the odd ones. */
    static int codePoint(Random r) {
        int kind = r.nextInt(100);
        if (kind < 35) {
            return 0x20 + r.nextInt(0x5F);
        }
        if (kind < 47) {
            return ODD[r.nextInt(ODD.length)];
        }
        if (kind < 55) {
            int c = r.nextInt(0x41);
            return c < 0x20 ? c : 0x7F + (c - 0x20);
        }
        if (kind < 65) {
            return 0xA0 + r.nextInt(0x1B0);
        }
        if (kind < 80) {
            int c = 0x100 + r.nextInt(0xFFFE - 0x100 - 0x800);
            return c >= 0xD800 ? c + 0x800 : c;
        }
        if (kind < 90) {
            return 0x10000 + r.nextInt(0x100000);
        }
        return WHITESPACE.codePointAt(r.nextInt(WHITESPACE.length()));
    }

    /** A code point that {@code allowed} accepts. */
    static int codePoint(Random r, IntPredicate allowed) {
        for (int tries = 0; tries < 1000; tries++) {
            int c = codePoint(r);
            if (allowed.test(c)) {
                return c;
            }
        }
        return 'x';
    }

    /** Exactly {@code length} code points that {@code allowed} accepts. */
    static String of(Random r, int length, IntPredicate allowed) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(codePoint(r, allowed));
        }
        return s.toString();
    }

    /** Any text of at most {@code max} code points, short ones far more often than long ones. */
    static String any(Random r, int max) {
        return of(r, length(r, 0, max), c -> true);
    }

    /**
     * {@code length} code points that stay that long after String.strip(): neither end is white space.
     *
     * @param inner which code points may appear at all
     */
    static String unstrippable(Random r, int length, IntPredicate inner) {
        if (length == 0) {
            return "";
        }
        IntPredicate edge = c -> inner.test(c) && !Character.isWhitespace(c);
        if (length == 1) {
            return of(r, 1, edge);
        }
        return of(r, 1, edge) + of(r, length - 2, inner) + of(r, 1, edge);
    }

    /** Some white space, or none: for the ends of text the server trims. */
    static String padding(Random r) {
        return r.nextInt(4) > 0 ? "" : of(r, 1 + r.nextInt(3), c -> WHITESPACE.indexOf(c) >= 0);
    }

    /** A length in [min, max], skewed to small values, with the bounds themselves drawn often. */
    static int length(Random r, int min, int max) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return min;
        }
        if (kind == 1) {
            return max;
        }
        int span = max - min;
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(span, 1));
        int bound = Math.min(span, (1 << r.nextInt(bits + 1)) - 1);
        return min + r.nextInt(bound + 1);
    }

    static boolean isControl(int c) {
        return Character.getType(c) == Character.CONTROL;
    }

    static boolean isControlIn(String s) {
        return s.codePoints().anyMatch(RandomText::isControl);
    }

    static <T> T pick(Random r, java.util.List<T> items) {
        return items.get(r.nextInt(items.size()));
    }
}
