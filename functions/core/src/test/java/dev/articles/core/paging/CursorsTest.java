package dev.articles.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.InvalidInputException;
import dev.articles.core.store.ListFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    static final Cursors CURSORS = new Cursors("a-key-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8));
    static final ListFilter POLITICS = new ListFilter("politics", null, null, null);
    static final String POSITION = "2019-04-30T14:05:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA";

    static void assertRejected(String cursor, ListFilter filter) {
        assertThatThrownBy(() -> CURSORS.decode(cursor, filter))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.PARAMETERS);
                    assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.field()).isEqualTo("cursor"));
                });
    }

    @Test
    void roundTripsAndIsUrlSafe() {
        String cursor = CURSORS.encode(POLITICS, POSITION);
        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(CURSORS.decode(cursor, POLITICS)).isEqualTo(POSITION);
    }

    @Test
    void boundToItsFilters() {
        String cursor = CURSORS.encode(POLITICS, POSITION);
        assertRejected(cursor, ListFilter.ALL);
        assertRejected(cursor, new ListFilter("politics", "Staff", null, null));
        assertRejected(cursor, new ListFilter("politics", null, Instant.EPOCH, null));
    }

    @Test
    void everyAlteredByteIsDetected() {
        byte[] bytes = Base64.getUrlDecoder().decode(CURSORS.encode(POLITICS, POSITION));
        for (int i = 0; i < bytes.length; i++) {
            byte[] altered = bytes.clone();
            altered[i] ^= 1;
            assertRejected(Base64.getUrlEncoder().withoutPadding().encodeToString(altered), POLITICS);
        }
    }

    @Test
    void everyOtherSpellingOfTheSameBytesIsRejected() {
        String cursor = CURSORS.encode(POLITICS, POSITION);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String head = cursor.substring(0, cursor.length() - 1);
        for (char last : alphabet.toCharArray()) {
            if (last != cursor.charAt(cursor.length() - 1)) {
                assertRejected(head + last, POLITICS); // some of these differ only in bits the decoder drops
            }
        }
        assertRejected(cursor + "=", POLITICS);
        assertRejected(cursor + "==", POLITICS);
    }

    @Test
    void truncatedOrForeignCursorsAreRejected() {
        String cursor = CURSORS.encode(POLITICS, POSITION);
        for (int length = 0; length < cursor.length(); length += 7) {
            assertRejected(cursor.substring(0, length), POLITICS);
        }
        Cursors otherKey = new Cursors("another-deployment-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
        assertRejected(otherKey.encode(POLITICS, POSITION), POLITICS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "====", "not base64!", "%00", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void madeUpCursorsAreRejected(String cursor) {
        assertRejected(cursor, POLITICS);
    }

    @Test
    void hugeCursorIsRejectedWithoutDecoding() {
        assertRejected("A".repeat(100_000), POLITICS);
    }
}
