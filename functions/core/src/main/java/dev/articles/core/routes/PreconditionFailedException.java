package dev.articles.core.routes;

/** The client edited or deleted a version of the article that is no longer the current one: nothing changed. */
public final class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String id) {
        super("Article " + id + " has changed since the version named in If-Match; fetch it and retry.", null, false, false);
    }
}
