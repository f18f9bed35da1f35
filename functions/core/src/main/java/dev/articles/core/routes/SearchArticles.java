package dev.articles.core.routes;

import dev.articles.core.FieldError;
import dev.articles.core.paging.Cursors;
import dev.articles.core.search.SearchDisabledException;
import dev.articles.core.search.SearchHit;
import dev.articles.core.search.SearchIndex;
import dev.articles.core.search.SearchQuery;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PageFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Search live articles: {@code q} in the contract's syntax, the list's filters, {@code sort}, paged with signed
 * cursors bound to q, sort and filters (a cursor from another search is a 400). The index holds live articles only:
 * the indexer applies the changes feed, which shows nothing else.
 */
public final class SearchArticles {

    /** The query parameters a search takes: the list's and {@code q}, {@code sort}. */
    public static final Set<String> PARAMETERS = parameters();
    public static final int MAX_LIMIT = 50;
    /** A search cursor carries the engine's point-in-time id, far longer than a list's position. */
    static final int MAX_CURSOR_LENGTH = 4096;

    /** One page of hits, and the cursor of the next page (null on the last). */
    public record Results(List<SearchHit> items, String nextCursor) {}

    /** What a search's cursor is bound to: everything that selects and orders its hits, not the page size. */
    record Bound(SearchQuery query, SearchRequest.Sort sort, ListFilter filter) implements PageFilter {
        @Override
        public String canonical() {
            return "search\n" + sort.parameter() + "\n" + filter.canonical() + "\n" + query.canonical();
        }
    }

    private final SearchIndex index;
    private final Cursors cursors;

    public SearchArticles(SearchIndex index, Cursors cursors) {
        this.index = index;
        this.cursors = cursors;
    }

    /** The deployment has no search engine: every search is a {@link SearchDisabledException}, whatever it asks. */
    public static SearchArticles disabled() {
        return new SearchArticles(null, null);
    }

    /**
     * @throws SearchDisabledException           the deployment has search off
     * @throws dev.articles.core.InvalidInputException naming each invalid query parameter
     */
    public Results search(Map<String, String> query) {
        if (index == null) {
            throw new SearchDisabledException();
        }
        List<FieldError> errors = new ArrayList<>();
        ListParameters parameters = ListParameters.parse(query, MAX_LIMIT, errors);
        SearchQuery q = query(query.get("q"), errors);
        SearchRequest.Sort sort = sort(query.get("sort"), errors);
        if (!errors.isEmpty()) {
            throw ListParameters.invalid(errors);
        }
        Bound bound = new Bound(q, sort, parameters.filter());
        String after = parameters.cursor() == null ? null : cursors.decode(parameters.cursor(), bound, MAX_CURSOR_LENGTH);
        SearchIndex.Page page = index.search(new SearchRequest(q, parameters.filter(), sort, parameters.limit(), after));
        return new Results(page.hits(), page.next() == null ? null : cursors.encode(bound, page.next()));
    }

    private static SearchQuery query(String q, List<FieldError> errors) {
        if (q == null) {
            errors.add(new FieldError("q", "is required"));
            return null;
        }
        String problem = SearchQuery.problem(q);
        if (problem != null) {
            errors.add(new FieldError("q", problem));
            return null;
        }
        return SearchQuery.parse(q);
    }

    private static SearchRequest.Sort sort(String value, List<FieldError> errors) {
        if (value == null) {
            return SearchRequest.Sort.RELEVANCE;
        }
        for (SearchRequest.Sort sort : SearchRequest.Sort.values()) {
            if (sort.parameter().equals(value)) {
                return sort;
            }
        }
        errors.add(new FieldError("sort", "must be one of " + Arrays.stream(SearchRequest.Sort.values())
                .map(SearchRequest.Sort::parameter).collect(Collectors.joining(", "))));
        return null;
    }

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(ListParameters.NAMES);
        names.add("q");
        names.add("sort");
        return Set.copyOf(names);
    }
}
