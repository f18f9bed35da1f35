package dev.articles.core.article;

/** Length and content rules on text, counted in Unicode code points as the contract says. */
public final class Text {

    private Text() {}

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** A lone UTF-16 surrogate (from a JSON escape such as {@code \ud800}) is no character and cannot be stored. */
    public static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static boolean hasControlCharacter(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
    }
}
