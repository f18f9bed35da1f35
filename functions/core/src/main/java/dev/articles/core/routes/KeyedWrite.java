package dev.articles.core.routes;

import dev.articles.core.idempotency.IdempotencyKey;
import dev.articles.core.idempotency.IdempotencyRecords;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An edit or delete under an Idempotency-Key, with the create's algorithm: the key is claimed for the article
 * it changes; a retry of a completed request gets the answer again without writing; a failed one releases it.
 */
final class KeyedWrite {

    private KeyedWrite() {}

    /** @param now the request's time, from the use case's clock: what the claim's expiry counts from */
    static <T> T run(IdempotencyRecords records, Optional<IdempotencyKey> key, String id, Instant now,
            Supplier<T> replay, Supplier<T> write) {
        if (key.isEmpty()) {
            return write.get();
        }
        // A claim of its own for each request: a second request with the key while this one runs is 409, not "ours".
        if (records.claim(key.get(), id + "/" + UUID.randomUUID(), now).completed()) {
            return replay.get();
        }
        T result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            records.release(key.get());
            throw e;
        }
        records.complete(key.get());
        return result;
    }
}
