package dev.articles.core.routes;

import static dev.articles.core.routes.Fixtures.CURSORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.paging.Cursors;
import dev.articles.core.search.SearchDisabledException;
import dev.articles.core.search.SearchIndex;
import dev.articles.core.search.SearchQuery;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.ListFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search use case: its parameters, checked all at once, and its cursors, bound to what they searched. */
class SearchArticlesTest {

    /** An index that records what it was asked and answers with no hits and the given next position. */
    private static final class RecordingIndex implements SearchIndex {
        final List<SearchRequest> requests = new ArrayList<>();
        String next = "{\"pit\":\"p\",\"after\":[1.5,1556633100000,\"01JDQ8Z3V4K9T2X7M5N6P8R0SA\"]}";

        @Override
        public Page search(SearchRequest request) {
            requests.add(request);
            return new Page(List.of(), next);
        }
    }

    private final RecordingIndex index = new RecordingIndex();
    private final SearchArticles search = new SearchArticles(index, CURSORS);

    private static Map<String, String> query(String... pairs) {
        Map<String, String> query = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], pairs[i + 1]);
        }
        return query;
    }

    private List<FieldError> errorsOf(Map<String, String> query) {
        try {
            search.search(query);
        } catch (InvalidInputException e) {
            assertThat(e.kind()).isEqualTo(InvalidInputException.Kind.PARAMETERS);
            assertThat(index.requests).isEmpty();
            return e.errors();
        }
        throw new AssertionError("accepted " + query);
    }

    @Test
    void defaultsAreRelevanceAndTwentyHitsWithNoFilter() {
        search.search(query("q", "march"));
        SearchRequest asked = index.requests.getFirst();
        assertThat(asked.query()).isEqualTo(SearchQuery.parse("march"));
        assertThat(asked.sort()).isEqualTo(SearchRequest.Sort.RELEVANCE);
        assertThat(asked.limit()).isEqualTo(20);
        assertThat(asked.filter()).isEqualTo(ListFilter.ALL);
        assertThat(asked.after()).isNull();
    }

    @Test
    void theListsFiltersNormalisedAsTheListDoes() {
        search.search(query("q", "march", "tag", " Politics ", "author", " Staff reporter ", "since", "2019-04-30T16:05:00+02:00",
                "until", "2019-05-01T00:00:00Z", "limit", "50", "sort", "newest"));
        SearchRequest asked = index.requests.getFirst();
        assertThat(asked.filter()).isEqualTo(new ListFilter("politics", "Staff reporter",
                Instant.parse("2019-04-30T14:05:00Z"), Instant.parse("2019-05-01T00:00:00Z")));
        assertThat(asked.limit()).isEqualTo(50);
        assertThat(asked.sort()).isEqualTo(SearchRequest.Sort.NEWEST);
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        assertThat(errorsOf(query("limit", "51", "sort", "best", "tag", " ", "since", "yesterday", "author", "")))
                .extracting(FieldError::field).containsExactlyInAnyOrder("q", "limit", "sort", "tag", "since", "author");
    }

    @Test
    void qIsRequiredNotBlankAndAtMostTwoHundredCharacters() {
        assertThat(errorsOf(query())).containsExactly(new FieldError("q", "is required"));
        assertThat(errorsOf(query("q", "  "))).containsExactly(new FieldError("q", "must not be blank"));
        assertThat(errorsOf(query("q", "x".repeat(201)))).containsExactly(new FieldError("q", "must be at most 200 characters"));
        search.search(query("q", " " + "x".repeat(200) + " "));
        assertThat(index.requests).hasSize(1);
    }

    @Test
    void limitIsOneToFifty() {
        assertThat(errorsOf(query("q", "a", "limit", "0"))).containsExactly(new FieldError("limit", "must be a whole number from 1 to 50"));
        assertThat(errorsOf(query("q", "a", "limit", "x"))).extracting(FieldError::field).containsExactly("limit");
        search.search(query("q", "a", "limit", "1"));
        assertThat(index.requests.getFirst().limit()).isEqualTo(1);
    }

    @Test
    void sortIsRelevanceOrNewest() {
        assertThat(errorsOf(query("q", "a", "sort", "Newest")))
                .containsExactly(new FieldError("sort", "must be one of relevance, newest"));
    }

    @Test
    void sinceMustBeBeforeUntil() {
        assertThat(errorsOf(query("q", "a", "since", "2020-01-01T00:00:00Z", "until", "2020-01-01T00:00:00Z")))
                .extracting(FieldError::field).containsExactly("until");
    }

    @Test
    void theNextCursorLeadsTheIndexToWhereThePageEnded() {
        SearchArticles.Results first = search.search(query("q", "march -sport", "tag", "politics", "limit", "5"));
        assertThat(first.nextCursor()).matches("[A-Za-z0-9_-]+");
        search.search(query("q", "march -sport", "tag", "politics", "limit", "10", "cursor", first.nextCursor()));
        assertThat(index.requests.get(1).after()).isEqualTo(index.next);
        // The same search spelled with other spacing is the same search.
        search.search(query("q", " march  -sport ", "tag", "Politics", "cursor", first.nextCursor()));
        assertThat(index.requests.get(2).after()).isEqualTo(index.next);
    }

    @Test
    void theLastPageHasNoCursor() {
        index.next = null;
        assertThat(search.search(query("q", "march")).nextCursor()).isNull();
    }

    @Test
    void aCursorIsBoundToItsQuerySortAndFilters() {
        String cursor = search.search(query("q", "march", "tag", "politics")).nextCursor();
        index.requests.clear();
        List<Map<String, String>> others = List.of(
                query("q", "marches", "tag", "politics"),
                query("q", "\"march\"", "tag", "politics"),
                query("q", "-march", "tag", "politics"),
                query("q", "march", "tag", "sport"),
                query("q", "march"),
                query("q", "march", "tag", "politics", "sort", "newest"),
                query("q", "march", "tag", "politics", "author", "Staff"),
                query("q", "march", "tag", "politics", "since", "2019-01-01T00:00:00Z"));
        for (Map<String, String> other : others) {
            other.put("cursor", cursor);
            assertThat(errorsOf(other)).as("%s", other).extracting(FieldError::field).containsExactly("cursor");
        }
    }

    @Test
    void aTamperedOrForeignCursorIs400() {
        String cursor = search.search(query("q", "march")).nextCursor();
        index.requests.clear();
        char last = cursor.charAt(cursor.length() - 1);
        String altered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        Cursors otherKey = new Cursors("another-key-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));
        String foreign = new SearchArticles(index, otherKey).search(query("q", "march")).nextCursor();
        index.requests.clear();
        String listCursor = CURSORS.encode(ListFilter.ALL, "2019-04-30T14:05:00.000000000Z#01JDQ8Z3V4K9T2X7M5N6P8R0SA");
        for (String bad : List.of(altered, cursor.substring(0, cursor.length() - 4), foreign, listCursor, "made-up", "x".repeat(5000), "")) {
            assertThat(errorsOf(query("q", "march", "cursor", bad))).as(bad).extracting(FieldError::field).containsExactly("cursor");
        }
    }

    @Test
    void searchOffIs501WhateverTheParameters() {
        assertThatThrownBy(() -> SearchArticles.disabled().search(query("limit", "0")))
                .isInstanceOf(SearchDisabledException.class);
    }

    @Test
    void theParametersAreTheListsAndQAndSort() {
        assertThat(SearchArticles.PARAMETERS).containsExactlyInAnyOrder("q", "sort", "tag", "author", "since", "until", "limit", "cursor");
    }
}
