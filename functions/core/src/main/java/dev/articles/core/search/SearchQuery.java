package dev.articles.core.search;

import dev.articles.core.article.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's {@code q}, parsed by the contract's small syntax: words separated by white space; {@code "two words"}
 * a phrase; a leading {@code -} on a word or a phrase excludes it. Nothing else is syntax: a colon, a star, a tilde,
 * a slash or a backslash is part of a word, and a quote without its closing quote is a character of a word, all
 * handed to the engine as text for its analyzer. A q of exclusions only is a search of every live article but those;
 * so is a q whose words hold nothing the analyzer keeps (a stop word, {@code *}, {@code ""}): it constrains nothing.
 *
 * @param included what an article must match: each word (all of its analyzed tokens) and each phrase
 * @param excluded what an article must not match
 */
public record SearchQuery(List<Term> included, List<Term> excluded) {

    /** The contract's limit on q, in code points after trimming. */
    public static final int MAX_LENGTH = 200;

    /** A word, or a phrase whose words must appear in order. */
    public record Term(String text, boolean phrase) {}

    public SearchQuery {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }

    /** What is wrong with a q, or null. */
    public static String problem(String q) {
        int length = Text.length(trim(q));
        if (length == 0) {
            return "must not be blank";
        }
        if (length > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** @throws IllegalArgumentException with {@link #problem}'s message for a q that breaks a rule */
    public static SearchQuery parse(String q) {
        String problem = problem(q);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<Term> included = new ArrayList<>();
        List<Term> excluded = new ArrayList<>();
        int n = q.length();
        int i = 0;
        while (i < n) {
            if (separator(q, i)) {
                i += Character.charCount(q.codePointAt(i));
                continue;
            }
            int start = i;
            boolean exclude = q.charAt(start) == '-' && start + 1 < n && !separator(q, start + 1);
            if (exclude) {
                start++;
            }
            List<Term> terms = exclude ? excluded : included;
            int close = q.charAt(start) == '"' ? q.indexOf('"', start + 1) : -1;
            if (close > 0) {
                String phrase = q.substring(start + 1, close).strip();
                if (!phrase.isEmpty()) {
                    terms.add(new Term(phrase, true));
                }
                i = close + 1;
                continue;
            }
            int end = start;
            while (end < n && !separator(q, end)) {
                end += Character.charCount(q.codePointAt(end));
            }
            terms.add(new Term(q.substring(start, end), false));
            i = end;
        }
        return new SearchQuery(included, excluded);
    }

    /** q without the white space around it, as {@link #separator} tells white space. */
    private static String trim(String q) {
        int start = 0;
        int end = q.length();
        while (start < end && separator(q, start)) {
            start += Character.charCount(q.codePointAt(start));
        }
        while (end > start && separator(q, q.offsetByCodePoints(end, -1))) {
            end = q.offsetByCodePoints(end, -1);
        }
        return q.substring(start, end);
    }

    /** White space, including the no-break spaces that {@link String#strip()} keeps. */
    private static boolean separator(String s, int index) {
        int cp = s.codePointAt(index);
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** A stable text form: queries that parse alike give the same text (for binding cursors). */
    public String canonical() {
        StringBuilder text = new StringBuilder();
        included.forEach(t -> append(text, "+", t));
        excluded.forEach(t -> append(text, "-", t));
        return text.toString();
    }

    private static void append(StringBuilder text, String sign, Term term) {
        // Length-prefixed, so that no term's text can pass for a separator.
        text.append(sign).append(term.phrase() ? '"' : 'w').append(term.text().length()).append(':').append(term.text());
    }
}
