package dev.articles.core.routes;

import dev.articles.core.Environment;

/**
 * Whether the deployment authenticates writes: the template's WriteAccess parameter, which reaches the write
 * functions as {@value #VARIABLE}. Where it does, a write without a token's subject is refused whatever the
 * gateway let through, so that a route left without its authorizer fails closed, never open.
 */
public enum WriteAccess {
    /** Writes need a token (the default, and what a function assumes when the variable is missing). */
    AUTHENTICATED,
    /** Anyone may write with no token (WriteAccess=public, and the local API without --auth). */
    PUBLIC;

    public static final String VARIABLE = "WRITE_ACCESS";

    /** @throws IllegalStateException for a value the template does not allow: the function refuses to start */
    public static WriteAccess of(Environment env) {
        String value = env.optional(VARIABLE).orElse("authenticated");
        return switch (value) {
            case "authenticated" -> AUTHENTICATED;
            case "public" -> PUBLIC;
            default -> throw new IllegalStateException(VARIABLE + " must be authenticated or public, not " + value);
        };
    }

    /**
     * The first rule of every write: each write use case applies it before anything else, and offers it as its
     * {@code admit} for the HTTP layer to apply before it even reads the request, so that a client without a
     * token learns that first.
     *
     * @return {@code caller}, who may write
     * @throws UnauthenticatedException when writes are authenticated and {@code caller} holds no token
     */
    Caller admit(Caller caller) {
        if (this == AUTHENTICATED && !caller.authenticated()) {
            throw new UnauthenticatedException();
        }
        return caller;
    }
}
