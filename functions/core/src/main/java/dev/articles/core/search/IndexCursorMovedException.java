package dev.articles.core.search;

/** Another indexer moved the cursor since this one read it: this one stops, the other carries on. */
public final class IndexCursorMovedException extends RuntimeException {

    public IndexCursorMovedException() {
        super("another indexer saved the search cursor since this one read it", null, false, false);
    }
}
