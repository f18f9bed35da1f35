package dev.articles.core.idempotency;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The IdempotencyRecords port in memory, for the use cases' unit tests, with the lifecycle docs/data-model.md gives
 * the DynamoDB records: a claim stores an IN_PROGRESS record for 24 hours; a claim of a held key is 422 for another
 * request, a replay once COMPLETED, our own claim again for the same article id, 409 while the holder's
 * in-progress time lasts, and a take-over (same article id) once it has passed; a release ends that time at once.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {

    /** How long a key is remembered (the contract's 24 hours). */
    public static final Duration RETENTION = Duration.ofHours(24);

    private static final class Record {
        final String requestHash;
        final String articleId;
        final Instant expiresAt;
        Instant inProgressUntil;
        boolean completed;

        Record(String requestHash, String articleId, Instant expiresAt, Instant inProgressUntil) {
            this.requestHash = requestHash;
            this.articleId = articleId;
            this.expiresAt = expiresAt;
            this.inProgressUntil = inProgressUntil;
        }
    }

    private final Duration inProgressExpiry;
    private final Map<String, Record> records = new HashMap<>();

    /** @param inProgressExpiry how long a claim holds its key before another request may take it over */
    public InMemoryIdempotencyRecords(Duration inProgressExpiry) {
        this.inProgressExpiry = inProgressExpiry;
    }

    @Override
    public synchronized Claim claim(IdempotencyKey key, String newArticleId, Instant now) {
        Record record = records.get(key.recordKey());
        if (record == null || !record.expiresAt.isAfter(now)) {
            records.put(key.recordKey(), new Record(key.requestHash(), newArticleId, now.plus(RETENTION),
                    now.plus(inProgressExpiry)));
            return new Claim(newArticleId, false);
        }
        if (!record.requestHash.equals(key.requestHash())) {
            throw new IdempotencyKeyReusedException();
        }
        if (record.completed) {
            return new Claim(record.articleId, true);
        }
        if (record.articleId.equals(newArticleId)) {
            return new Claim(newArticleId, false);
        }
        if (record.inProgressUntil.isAfter(now)) {
            throw new IdempotencyKeyInProgressException();
        }
        record.inProgressUntil = now.plus(inProgressExpiry); // the holder died or released it: take over
        return new Claim(record.articleId, false);
    }

    @Override
    public synchronized void complete(IdempotencyKey key) {
        Record record = records.get(key.recordKey());
        if (record != null) {
            record.completed = true;
        }
    }

    @Override
    public synchronized void release(IdempotencyKey key) {
        Record record = records.get(key.recordKey());
        if (record != null && !record.completed) {
            record.inProgressUntil = Instant.EPOCH;
        }
    }

    /** Whether the key's record is COMPLETED. */
    public synchronized boolean completed(IdempotencyKey key) {
        Record record = records.get(key.recordKey());
        return record != null && record.completed;
    }
}
