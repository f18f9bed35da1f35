package dev.articles.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.InvalidInputException;
import dev.articles.core.store.ListFilter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rotating the signing key: cursors signed with the previous key stay valid; new ones use the new key. */
class CursorKeyRotationTest {

    private static final byte[] OLD = "old-key-0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW = "new-key-0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
    private static final String LIST_SK = "2026-11-24T18:03:11.482000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA";

    @Test
    void aCursorSignedBeforeTheRotationIsStillAccepted() {
        String inFlight = new Cursors(OLD).encode(ListFilter.ALL, LIST_SK);

        assertThat(new Cursors(NEW, List.of(OLD)).decode(inFlight, ListFilter.ALL)).isEqualTo(LIST_SK);
    }

    @Test
    void newCursorsAreSignedWithTheCurrentKeyOnly() {
        String fresh = new Cursors(NEW, List.of(OLD)).encode(ListFilter.ALL, LIST_SK);

        assertThat(new Cursors(NEW).decode(fresh, ListFilter.ALL)).isEqualTo(LIST_SK);
        assertThatThrownBy(() -> new Cursors(OLD).decode(fresh, ListFilter.ALL)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aKeyNoLongerListedIsRefused() {
        String tooOld = new Cursors(OLD).encode(ListFilter.ALL, LIST_SK);

        assertThatThrownBy(() -> new Cursors(NEW).decode(tooOld, ListFilter.ALL)).isInstanceOf(InvalidInputException.class);
    }
}
