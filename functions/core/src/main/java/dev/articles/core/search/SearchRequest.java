package dev.articles.core.search;

import dev.articles.core.store.ListFilter;

/**
 * One page of a search, as the use case checked it.
 *
 * @param filter the list's filters (tag, author, publishedAt range), any part null
 * @param limit  1 to the route's maximum
 * @param after  where the previous page ended, as the index gave it in {@link SearchIndex.Page#next()}; null first
 */
public record SearchRequest(SearchQuery query, ListFilter filter, Sort sort, int limit, String after) {

    /** The order of the results. */
    public enum Sort {
        /** Best match first, ties newest first (then by id, descending). */
        RELEVANCE("relevance"),
        /** publishedAt newest first, ties by id descending: the list's order. */
        NEWEST("newest");

        private final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        /** The value of the {@code sort} query parameter. */
        public String parameter() {
            return parameter;
        }
    }
}
