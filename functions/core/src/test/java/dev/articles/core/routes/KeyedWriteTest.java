package dev.articles.core.routes;

import static dev.articles.core.routes.Fixtures.IN_PROGRESS_EXPIRY;
import static dev.articles.core.routes.Fixtures.OWNER;
import static dev.articles.core.routes.Fixtures.T0;
import static dev.articles.core.routes.Fixtures.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyKeyInProgressException;
import dev.articles.core.idempotency.IdempotencyKeyReusedException;
import dev.articles.core.idempotency.InMemoryIdempotencyRecords;
import dev.articles.core.store.StoreUnavailableException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedWriteTest {

    private static final String ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";

    private final InMemoryIdempotencyRecords records = new InMemoryIdempotencyRecords(IN_PROGRESS_EXPIRY);
    private final Optional<IdempotencyKey> key = key("k-1", OWNER, "PATCH /articles/" + ID, "{}");
    private final AtomicInteger writes = new AtomicInteger();

    private String run(Optional<IdempotencyKey> key) {
        return KeyedWrite.run(records, key, ID, T0, () -> "replayed", () -> "written " + writes.incrementAndGet());
    }

    @Test
    void withoutAKeyEveryRequestWrites() {
        assertThat(run(Optional.empty())).isEqualTo("written 1");
        assertThat(run(Optional.empty())).isEqualTo("written 2");
    }

    @Test
    void aCompletedKeyIsReplayedWithoutWriting() {
        assertThat(run(key)).isEqualTo("written 1");
        assertThat(records.completed(key.orElseThrow())).isTrue();

        assertThat(run(key)).isEqualTo("replayed");
        assertThat(writes).hasValue(1);
    }

    @Test
    void aSecondRequestWithTheKeyWhileTheFirstRunsIsInProgressNotOurs() {
        String first = KeyedWrite.run(records, key, ID, T0, () -> "replayed", () -> {
            assertThatThrownBy(() -> run(key)).isInstanceOf(IdempotencyKeyInProgressException.class);
            return "first";
        });
        assertThat(first).isEqualTo("first");
        assertThat(writes).hasValue(0);
    }

    @Test
    void aFailedWriteReleasesTheKeyAndTheRetryWritesAtOnce() {
        assertThatThrownBy(() -> KeyedWrite.run(records, key, ID, T0, () -> "replayed", () -> {
            throw new StoreUnavailableException("throttled", null);
        })).isInstanceOf(StoreUnavailableException.class);
        assertThat(records.completed(key.orElseThrow())).isFalse();

        assertThat(run(key)).isEqualTo("written 1");
    }

    @Test
    void theKeyWithAnotherRequestIsRefusedBeforeWriting() {
        run(key);

        assertThatThrownBy(() -> run(key("k-1", OWNER, "PATCH /articles/" + ID, "{\"title\":\"other\"}")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> run(key("k-1", OWNER, "DELETE /articles/" + ID, "{}")))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(writes).hasValue(1);
    }
}
