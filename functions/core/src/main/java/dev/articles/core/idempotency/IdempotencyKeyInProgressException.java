package dev.articles.core.idempotency;

/** Another request with this Idempotency-Key is being processed: the client should retry shortly. */
public final class IdempotencyKeyInProgressException extends RuntimeException {

    public IdempotencyKeyInProgressException() {
        super("Another request with this Idempotency-Key is being processed. Retry shortly.", null, false, false);
    }
}
