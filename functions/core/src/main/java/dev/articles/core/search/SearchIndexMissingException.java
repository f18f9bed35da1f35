package dev.articles.core.search;

/** The public search index does not exist (never built, or deleted): the indexer rebuilds it from the feed. */
public final class SearchIndexMissingException extends RuntimeException {

    public SearchIndexMissingException(String message) {
        super(message, null, false, false);
    }
}
