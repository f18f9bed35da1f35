package dev.articles.core.store;

/** Another write changed or deleted the article since the version this write started from: nothing was changed. */
public final class VersionConflictException extends RuntimeException {

    public VersionConflictException(String id, long version) {
        super("article " + id + " is no longer at version " + version);
    }
}
