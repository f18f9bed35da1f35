package dev.articles.core.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void idsAreUlidsThatSortByTimeAndNeverRepeat() {
        ArticleIds ids = new ArticleIds();
        Instant now = Instant.parse("2026-11-24T18:03:11.482Z");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(ids.next(i < 5_000 ? now : now.plusMillis(1)));
        }
        assertThat(made).allMatch(ArticleIds::isValid).doesNotHaveDuplicates().isSorted();
        assertThat(new HashSet<>(made)).hasSize(10_000);
        assertThat(ArticleIds.timestamp(made.get(0))).isEqualTo(now);
    }

    @Test
    void onlyCanonicalUlidsAreIds() {
        assertThat(ArticleIds.isValid("01JDQ8Z3V4K9T2X7M5N6P8R0SA")).isTrue();
        assertThat(ArticleIds.isValid("01jdq8z3v4k9t2x7m5n6p8r0sa")).isFalse();
        assertThat(ArticleIds.isValid("01JDQ8Z3V4K9T2X7M5N6P8R0S")).isFalse();
        assertThat(ArticleIds.isValid("01JDQ8Z3V4K9T2X7M5N6P8R0SU")).isFalse(); // U is not Crockford
        assertThat(ArticleIds.isValid("81JDQ8Z3V4K9T2X7M5N6P8R0SA")).isFalse(); // beyond 48 bits of time
        assertThat(ArticleIds.isValid("../../etc/passwd")).isFalse();
    }
}
