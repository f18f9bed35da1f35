package dev.articles.core.routes;

/**
 * A write without a token reached a function of a deployment that authenticates writes: its gateway should
 * have refused it, so nothing is written and the caller is asked for a token.
 */
public final class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException() {
        super("A bearer token is required: send Authorization: Bearer <token>.", null, false, false);
    }
}
