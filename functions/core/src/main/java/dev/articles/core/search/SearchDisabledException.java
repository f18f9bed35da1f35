package dev.articles.core.search;

/** This deployment has no search engine (it was deployed with search off): the route exists, its answer is 501. */
public final class SearchDisabledException extends RuntimeException {

    public SearchDisabledException() {
        super("search is off in this deployment", null, false, false);
    }
}
