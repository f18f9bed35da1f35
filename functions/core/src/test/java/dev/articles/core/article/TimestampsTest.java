package dev.articles.core.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2019-04-30T14:05:00Z, 2019-04-30T14:05:00Z",
        "2019-04-30t14:05:00z, 2019-04-30T14:05:00Z",
        "2019-04-30T16:05:00+02:00, 2019-04-30T14:05:00Z",
        "2019-04-30T14:05:00.5-01:30, 2019-04-30T15:35:00.500Z",
        "2019-04-30T14:05:00.123456789Z, 2019-04-30T14:05:00.123456789Z",
        "2020-02-29T00:00:00Z, 2020-02-29T00:00:00Z",
    })
    void parsesRfc3339AndFormatsUtc(String input, String utc) {
        assertThat(Timestamps.format(Timestamps.parse(input))).isEqualTo(utc);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-04-30", "2019-04-30T14:05Z", "2019-04-30T14:05:00", "2019-04-30 14:05:00Z",
        "2019-02-30T00:00:00Z", "2019-04-30T24:00:00Z", "2019-04-30T14:05:60Z", "2019-04-30T14:05:00+25:00",
        "2019-04-30T14:05:00.1234567890Z", "0000-01-01T00:00:00Z", "+2019-04-30T14:05:00Z", "yesterday", ""})
    void rejectsWhatRfc3339DoesNot(String input) {
        assertThatThrownBy(() -> Timestamps.parse(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createdAtHasExactlyMilliseconds() {
        assertThat(Timestamps.formatMillis(Instant.parse("2026-11-24T18:03:11Z"))).isEqualTo("2026-11-24T18:03:11.000Z");
    }

    @Test
    void sortableFormSortsAsTime() {
        String a = Timestamps.sortable(Instant.parse("2019-04-30T14:05:00Z"));
        String b = Timestamps.sortable(Instant.parse("2019-04-30T14:05:00.000000001Z"));
        String c = Timestamps.sortable(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(a).isEqualTo("2019-04-30T14:05:00.000000000Z").isLessThan(b);
        assertThat(b).isLessThan(c);
    }
}
