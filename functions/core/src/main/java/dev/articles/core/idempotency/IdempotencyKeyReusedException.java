package dev.articles.core.idempotency;

/** The Idempotency-Key was used in the last 24 hours with a different request: not a replay. */
public final class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used in the last 24 hours with a different request body.", null, false, false);
    }
}
