package dev.articles.core.store;

/** The article was deleted: its tombstone still refuses the id, and tells a reader it is gone. */
public final class ArticleDeletedException extends RuntimeException {

    public ArticleDeletedException(String id) {
        super("article " + id + " was deleted");
    }
}
