package dev.articles.core.search;

/**
 * The engine refused to apply a change, for another reason than a newer version it holds (a mapping error, a full
 * disk): the indexer's run fails before it saves its cursor, so the next run applies the page again.
 */
public final class SearchIndexingException extends RuntimeException {

    public SearchIndexingException(String message) {
        super(message, null, false, false);
    }
}
