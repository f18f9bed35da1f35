package dev.articles.core.article;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An article's readable name in URLs (the contract's Slugs section): its form, and the one derived from a title.
 * ASCII folding is the JDK's: compatibility decomposition (NFKD, as Django's slugify) with the combining marks
 * dropped takes the accents off Latin letters ({@code é} to {@code e}) and spells ligatures and full-width letters
 * out ({@code ﬁ} to {@code fi}, {@code Ｎ} to {@code N}; canonical NFD would turn them into separators and lose
 * them); {@link #LETTERS} adds the Latin letters that are not a base letter plus marks ({@code ß}, {@code æ},
 * {@code ø}, {@code ł}, …). Letters of other scripts have no ASCII form and become separators, as in WordPress and
 * Ghost; a library (ICU4J's transliterator, 14 MB) would romanise them, at a cold-start and jar-size cost no
 * function here should pay for one rule.
 */
public final class Slugs {

    /** The longest slug, in characters. */
    public static final int MAX = 200;
    /** The longest slug derived from a title, before a "-2" suffix. */
    public static final int DERIVED_MAX = 80;

    private static final Pattern FORM = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    /** Latin letters NFKD leaves whole, folded as German, Nordic, Polish, Icelandic and French spell them in ASCII. */
    private static final Map<Integer, String> LETTERS = Map.ofEntries(
            Map.entry((int) 'ß', "ss"), Map.entry((int) 'ẞ', "ss"),
            Map.entry((int) 'æ', "ae"), Map.entry((int) 'Æ', "ae"),
            Map.entry((int) 'œ', "oe"), Map.entry((int) 'Œ', "oe"),
            Map.entry((int) 'ø', "o"), Map.entry((int) 'Ø', "o"),
            Map.entry((int) 'đ', "d"), Map.entry((int) 'Đ', "d"),
            Map.entry((int) 'ð', "d"), Map.entry((int) 'Ð', "d"),
            Map.entry((int) 'þ', "th"), Map.entry((int) 'Þ', "th"),
            Map.entry((int) 'ł', "l"), Map.entry((int) 'Ł', "l"),
            Map.entry((int) 'ı', "i"), Map.entry((int) 'ħ', "h"), Map.entry((int) 'Ħ', "h"),
            Map.entry((int) 'ŧ', "t"), Map.entry((int) 'Ŧ', "t"),
            Map.entry((int) 'ĸ', "k"),
            Map.entry((int) 'ŋ', "ng"), Map.entry((int) 'Ŋ', "ng"));

    private Slugs() {}

    /**
     * The title folded to ASCII, lower-cased, every run of other characters one '-', no '-' at the ends, cut at a
     * word boundary to at most {@link #DERIVED_MAX}; the id in lower case when nothing is left.
     */
    public static String derive(String title, String id) {
        StringBuilder folded = new StringBuilder();
        MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("")
                .codePoints().forEach(c -> {
                    String letter = LETTERS.get(c);
                    if (letter != null) {
                        folded.append(letter);
                    } else if (c < 128) {
                        folded.append(Character.toLowerCase((char) c));
                    } else {
                        folded.append(' ');
                    }
                });
        String slug = SEPARATORS.matcher(folded.toString().toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = trimDashes(slug);
        if (slug.length() > DERIVED_MAX) {
            int cut = slug.lastIndexOf('-', DERIVED_MAX);
            // One word longer than the limit is cut inside it: there is no boundary to cut at.
            slug = trimDashes(cut > 0 ? slug.substring(0, cut) : slug.substring(0, DERIVED_MAX));
        }
        return slug.isEmpty() ? id.toLowerCase(Locale.ROOT) : slug;
    }

    /** The n-th candidate of a derived slug: {@code base} for 1, then {@code base-2}, {@code base-3}, … */
    public static String numbered(String base, int n) {
        return n == 1 ? base : base + "-" + n;
    }

    /** @return why {@code text} is not a slug, or null when it is one */
    public static String problem(String text) {
        if (text.isEmpty() || text.length() > MAX) {
            return "must be 1 to " + MAX + " characters";
        }
        if (!FORM.matcher(text).matches()) {
            return "must be a-z, 0-9 and single '-' between them";
        }
        return null;
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }
}
