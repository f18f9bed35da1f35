package dev.articles.core.store;

/** The article was deleted: the store still remembers it (and refuses its id), so a reader learns it is gone. */
public final class ArticleDeletedException extends RuntimeException {

    public ArticleDeletedException(String id) {
        super("article " + id + " was deleted");
    }
}
