package dev.articles.core.idempotency;

import java.time.Instant;

/**
 * The record of each Idempotency-Key seen in the last 24 hours (the port the create needs), after the
 * Powertools algorithm: claimed IN_PROGRESS, COMPLETED once the article is stored. The record holds the id
 * of the article its request creates, so a resumed or replayed create reuses that id.
 *
 * @throws dev.articles.core.store.StoreUnavailableException from claim, when the store cannot be reached
 */
public interface IdempotencyRecords {

    /** What a claim found: go ahead and create {@code articleId}, or it is {@code completed} already. */
    record Claim(String articleId, boolean completed) {}

    /**
     * Claims the key for a create of {@code newArticleId}.
     *
     * @throws IdempotencyKeyInProgressException while another request holds the key
     * @throws IdempotencyKeyReusedException when the key came with another request
     */
    Claim claim(IdempotencyKey key, String newArticleId, Instant now);

    /** Best effort: a record left IN_PROGRESS is taken over once it expires, and resumes the same article. */
    void complete(IdempotencyKey key);

    /** Best effort, after a failed create: lets the client's retry take the claim over at once. */
    void release(IdempotencyKey key);
}
