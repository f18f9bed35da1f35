package dev.articles.core.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract's Slugs section: the form, and the slug derived from a title. */
class SlugsTest {

    private static final String ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Café crème à la carte | cafe-creme-a-la-carte",
            "Die Straße            | die-strasse",
            "GROSSE STRAẞE         | grosse-strasse",
            "Æsir og ære           | aesir-og-aere",
            "Søren Ørsted          | soren-orsted",
            "Łódź i Łeba           | lodz-i-leba",
            "Åland Ærø             | aland-aero",
            "Œuvre, Þór, Đorđe     | oeuvre-thor-dorde",
            "Tiếng Việt ở Đà Nẵng  | tieng-viet-o-da-nang",
            "İstanbul'da ıslak     | istanbul-da-islak",
            "ﬁnancial ﬂows         | financial-flows",
            "ＮＨＫ ニュース         | nhk",
            "Top 10 stories of 2019 | top-10-stories-of-2019"})
    void lettersAreFoldedToAsciiAndLowerCased(String title, String slug) {
        assertThat(Slugs.derive(title, ID)).isEqualTo(slug);
    }

    @Test
    void everyRunOfOtherCharactersIsOneDashAndNoneIsLeftAtTheEnds() {
        assertThat(Slugs.derive("  --Crowds   gather!!! -- at the (air)base…?  ", ID)).isEqualTo("crowds-gather-at-the-air-base");
        assertThat(Slugs.derive("snake_case and dots.in.names", ID)).isEqualTo("snake-case-and-dots-in-names");
        assertThat(Slugs.derive("Tokyo 東京 news\tand\nmore", ID)).isEqualTo("tokyo-news-and-more");
    }

    @Test
    void aLongTitleIsCutAtAWordBoundaryToAtMost80() {
        String fits = "a".repeat(50) + "-" + "b".repeat(29);
        assertThat(Slugs.derive("a".repeat(50) + " " + "b".repeat(29) + " " + "c".repeat(10), ID))
                .as("the boundary right after the 80th character").isEqualTo(fits).hasSize(80);
        assertThat(Slugs.derive("a".repeat(50) + " " + "b".repeat(30) + " c", ID))
                .as("the last boundary before it").isEqualTo("a".repeat(50));
        assertThat(Slugs.derive("word ".repeat(40), ID)).hasSizeLessThanOrEqualTo(80).endsWith("word").startsWith("word-word");
    }

    @Test
    void oneWordLongerThan80IsCutAt80() {
        assertThat(Slugs.derive("x".repeat(100), ID)).isEqualTo("x".repeat(80));
        assertThat(Slugs.derive("X".repeat(100) + " and more", ID)).isEqualTo("x".repeat(80));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!! ??? ***", "日本語のニュース", "Новости дня", "", "   ", "— · —", "Ελληνικά"})
    void aTitleWithNothingLeftGivesTheIdInLowerCase(String title) {
        assertThat(Slugs.derive(title, ID)).isEqualTo("01jdq8z3v4k9t2x7m5n6p8r0sa");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Café crème", "x", "日本語", "a b c", "Ølstykke—Stenløse"})
    void aDerivedSlugIsAlwaysOfTheForm(String title) {
        assertThat(Slugs.problem(Slugs.derive(title, ID))).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "crowds-gather", "top-10-of-2019", "a-b-c"})
    void validSlugs(String slug) {
        assertThat(Slugs.problem(slug)).isNull();
    }

    @Test
    void slugsOf200CharactersAreValidAndLongerOnesAreNot() {
        assertThat(Slugs.problem("a".repeat(200))).isNull();
        assertThat(Slugs.problem("a".repeat(201))).isEqualTo("must be 1 to 200 characters");
        assertThat(Slugs.problem("")).isEqualTo("must be 1 to 200 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "a-", "a--b", "-", "A", "Crowds", "a_b", "a b", "a.b", "é", "a/b", " a"})
    void slugsNotOfTheForm(String slug) {
        assertThat(Slugs.problem(slug)).isEqualTo("must be a-z, 0-9 and single '-' between them");
    }

    @Test
    void numberedCandidates() {
        assertThat(Slugs.numbered("crowds-gather", 1)).isEqualTo("crowds-gather");
        assertThat(Slugs.numbered("crowds-gather", 2)).isEqualTo("crowds-gather-2");
        assertThat(Slugs.numbered("crowds-gather", 13)).isEqualTo("crowds-gather-13");
        assertThat(Slugs.problem(Slugs.numbered("x".repeat(80), 999))).isNull();
    }
}
