package dev.articles.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.search.SearchQuery.Term;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

    private static Term word(String text) {
        return new Term(text, false);
    }

    private static Term phrase(String text) {
        return new Term(text, true);
    }

    @Test
    void wordsAreSeparatedByAnyWhiteSpace() {
        assertThat(SearchQuery.parse("  crowds\tairbase\u00a0marched \n").included())
                .containsExactly(word("crowds"), word("airbase"), word("marched"));
    }

    @Test
    void quotedWordsAreAPhrase() {
        SearchQuery q = SearchQuery.parse("opposition \"calls for change\" airbase");
        assertThat(q.included()).containsExactly(word("opposition"), phrase("calls for change"), word("airbase"));
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void aLeadingMinusExcludesAWordOrAPhrase() {
        SearchQuery q = SearchQuery.parse("march -airbase -\"opposition supporters\"");
        assertThat(q.included()).containsExactly(word("march"));
        assertThat(q.excluded()).containsExactly(word("airbase"), phrase("opposition supporters"));
    }

    @Test
    void exclusionsAloneAreAQuery() {
        SearchQuery q = SearchQuery.parse("-sport");
        assertThat(q.included()).isEmpty();
        assertThat(q.excluded()).containsExactly(word("sport"));
    }

    @Test
    void aMinusElsewhereIsText() {
        assertThat(SearchQuery.parse("e-mail - -").included()).containsExactly(word("e-mail"), word("-"), word("-"));
        assertThat(SearchQuery.parse("--x").excluded()).containsExactly(word("-x"));
    }

    @Test
    void anUnbalancedQuoteIsACharacterOfAWord() {
        SearchQuery q = SearchQuery.parse("\"calls for change");
        assertThat(q.included()).containsExactly(word("\"calls"), word("for"), word("change"));
        assertThat(SearchQuery.parse("a\"b c\"").included()).containsExactly(word("a\"b"), word("c\""));
        assertThat(SearchQuery.parse("\"one\" \"two").included()).containsExactly(phrase("one"), word("\"two"));
    }

    @Test
    void emptyPhrasesAreDropped() {
        SearchQuery q = SearchQuery.parse("\"\" -\"  \" news");
        assertThat(q.included()).containsExactly(word("news"));
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void aPhraseEndsAtItsClosingQuote() {
        assertThat(SearchQuery.parse("\"a b\"c").included()).containsExactly(phrase("a b"), word("c"));
    }

    @Test
    void theEnginesOperatorsAreText() {
        assertThat(SearchQuery.parse("title:x * ~ /.*/ \\ AND OR NOT (a) +b a^2 {c} [d TO e]").included())
                .extracting(Term::text)
                .containsExactly("title:x", "*", "~", "/.*/", "\\", "AND", "OR", "NOT", "(a)", "+b", "a^2", "{c}", "[d", "TO", "e]");
    }

    @Test
    void unicodeIsKeptAsIs() {
        assertThat(SearchQuery.parse("Zürich 東京 \"São Paulo\" 😀").included())
                .containsExactly(word("Zürich"), word("東京"), phrase("São Paulo"), word("😀"));
    }

    @Test
    void twoHundredCharactersAfterTrimming() {
        String longest = "😀".repeat(SearchQuery.MAX_LENGTH);
        assertThat(SearchQuery.problem("  " + longest + "  ")).isNull();
        assertThat(SearchQuery.parse(longest).included()).containsExactly(word(longest));
        assertThat(SearchQuery.problem(longest + "x")).isEqualTo("must be at most 200 characters");
        assertThatThrownBy(() -> SearchQuery.parse(longest + "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u00a0\u2003"})
    void blankIsNoQuery(String q) {
        assertThat(SearchQuery.problem(q)).isEqualTo("must not be blank");
    }

    @Test
    void noSearchableTextIsAQueryOfNothingThatMatchesEverything() {
        SearchQuery q = SearchQuery.parse("\"\"");
        assertThat(q.included()).isEmpty();
        assertThat(q.excluded()).isEmpty();
    }

    @Test
    void twoHundredQuotesAreText() {
        // Pairs of quotes are empty phrases; nothing is left to match.
        SearchQuery even = SearchQuery.parse("\"".repeat(200));
        assertThat(even.included()).isEmpty();
        assertThat(SearchQuery.parse("\"".repeat(199)).included()).containsExactly(word("\""));
    }

    @Test
    void theCanonicalFormTellsQueriesApartAndSpacingDoesNot() {
        assertThat(SearchQuery.parse("a  b").canonical()).isEqualTo(SearchQuery.parse(" a b ").canonical());
        assertThat(SearchQuery.parse("a b").canonical()).isNotEqualTo(SearchQuery.parse("\"a b\"").canonical());
        assertThat(SearchQuery.parse("a -b").canonical()).isNotEqualTo(SearchQuery.parse("a b").canonical());
        assertThat(SearchQuery.parse("a b").canonical()).isNotEqualTo(SearchQuery.parse("ab").canonical());
    }

    @Test
    void termsAreImmutable() {
        assertThatThrownBy(() -> SearchQuery.parse("a").included().add(word("b")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(new SearchQuery(List.of(), List.of()).canonical()).isEmpty();
    }
}
