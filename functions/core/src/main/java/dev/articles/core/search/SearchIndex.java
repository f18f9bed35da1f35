package dev.articles.core.search;

import java.util.List;

/** The search engine's index of live articles, read side. */
public interface SearchIndex {

    /**
     * A page of hits.
     *
     * @param next where the next page starts, opaque text the index reads back in {@link SearchRequest#after()};
     *             null when this page is the last
     */
    record Page(List<SearchHit> hits, String next) {
        public Page {
            hits = List.copyOf(hits);
        }
    }

    /**
     * @throws dev.articles.core.store.StoreUnavailableException the engine is unreachable, overloaded or failing
     * @throws dev.articles.core.InvalidInputException for an {@code after} the index cannot read (a cursor the
     *         API signed but no longer understands)
     */
    Page search(SearchRequest request);
}
