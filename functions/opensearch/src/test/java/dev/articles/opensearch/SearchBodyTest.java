package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.search.SearchQuery;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.ListFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The query built for each kind of q, compared as JSON trees with the body the engine is meant to get. */
class SearchBodyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode tree(byte[] json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(json);
    }

    private static SearchRequest request(String q, ListFilter filter, SearchRequest.Sort sort) {
        return new SearchRequest(SearchQuery.parse(q), filter, sort, 20, null);
    }

    private static final String SOURCE = """
            {"includes": ["id", "slug", "title", "summary", "author", "source", "sourceUrl", "tags", "publishedAt",
                          "createdAt", "updatedAt"]}""";
    private static final String FIELDS = "[\"title^3\", \"summary^2\", \"body\"]";
    private static final String FRAGMENTS = """
            {"title": {"number_of_fragments": 0},
             "summary": {"fragment_size": 150, "number_of_fragments": 3},
             "body": {"fragment_size": 150, "number_of_fragments": 3}}""";

    @Test
    void wordsPhrasesExclusionsAndFiltersByRelevanceOnAPointInTime() throws IOException {
        ListFilter filter = new ListFilter("politics", "Staff reporter", Instant.parse("2019-04-01T00:00:00Z"),
                Instant.parse("2019-05-01T00:00:00.5Z"));
        byte[] body = SearchBody.search(request("marched \"calls for change\" -sport -\"world cup\"", filter,
                SearchRequest.Sort.RELEVANCE), 21, "pit-1", null);

        assertThat(tree(body)).isEqualTo(tree("""
                {"size": 21, "track_total_hits": false, "_source": %1$s,
                 "query": {"bool": {
                   "must": [
                     {"multi_match": {"query": "marched", "fields": %2$s, "operator": "and", "zero_terms_query": "all"}},
                     {"multi_match": {"query": "calls for change", "fields": %2$s, "type": "phrase", "zero_terms_query": "all"}}],
                   "must_not": [
                     {"multi_match": {"query": "sport", "fields": %2$s, "operator": "and", "zero_terms_query": "none"}},
                     {"multi_match": {"query": "world cup", "fields": %2$s, "type": "phrase", "zero_terms_query": "none"}}],
                   "filter": [
                     {"term": {"tags": "politics"}},
                     {"term": {"author": "Staff reporter"}},
                     {"range": {"publishedAt": {"gte": "2019-04-01T00:00:00Z", "lt": "2019-05-01T00:00:00.500Z"}}}]}},
                 "sort": [{"_score": {"order": "desc"}}, {"publishedAt": {"order": "desc"}}, {"id": {"order": "desc"}}],
                 "highlight": {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"],
                   "highlight_query": {"bool": {"should": [
                     {"multi_match": {"query": "marched", "fields": %2$s, "operator": "and", "zero_terms_query": "none"}},
                     {"multi_match": {"query": "calls for change", "fields": %2$s, "type": "phrase", "zero_terms_query": "none"}}]}},
                   "fields": %3$s},
                 "pit": {"id": "pit-1", "keep_alive": "5m"}}
                """.formatted(SOURCE, FIELDS, FRAGMENTS)));
    }

    @Test
    void exclusionsAloneByNewestAfterAPageWithoutAPointInTime() throws IOException {
        List<SortValue> after = List.of(new SortValue("1556633100000", true), new SortValue("01JDQ8Z3V4K9T2X7M5N6P8R0SA", false));
        byte[] body = SearchBody.search(request("-sport", ListFilter.ALL, SearchRequest.Sort.NEWEST), 6, null, after);

        assertThat(tree(body)).isEqualTo(tree("""
                {"size": 6, "track_total_hits": false, "_source": %1$s,
                 "query": {"bool": {
                   "must_not": [
                     {"multi_match": {"query": "sport", "fields": %2$s, "operator": "and", "zero_terms_query": "none"}}],
                   "filter": []}},
                 "sort": [{"publishedAt": {"order": "desc"}}, {"id": {"order": "desc"}}],
                 "search_after": [1556633100000, "01JDQ8Z3V4K9T2X7M5N6P8R0SA"]}
                """.formatted(SOURCE, FIELDS)));
    }

    @Test
    void aRelevanceCursorHandsBackTheScoreExactly() throws IOException {
        List<SortValue> after = List.of(new SortValue("0.2876821", true), new SortValue("1556633100000", true),
                new SortValue("01JDQ8Z3V4K9T2X7M5N6P8R0SA", false));
        byte[] body = SearchBody.search(request("march", ListFilter.ALL, SearchRequest.Sort.RELEVANCE), 2, "p", after);

        assertThat(new String(body, StandardCharsets.UTF_8))
                .contains("\"search_after\":[0.2876821,1556633100000,\"01JDQ8Z3V4K9T2X7M5N6P8R0SA\"]");
    }

    /** The keys a query could use to reach past plain text; none may appear anywhere in a body. */
    private static final List<String> POWERFUL = List.of("query_string", "simple_query_string", "regexp", "wildcard",
            "script", "script_score", "fuzzy", "prefix", "match_phrase_prefix", "bool_prefix", "fuzziness", "default_field");

    @ParameterizedTest
    @ValueSource(strings = {
        "title:x", "body:*", "*", "?", "~", "march~2", "/.*/", "\\", "\\\"", "a\\\"b", "\"unbalanced", "\"}]}",
        "{\"script\":{\"source\":\"1\"}}", "AND OR NOT", "(a OR b) && c || !d", "+must -", "_id:1", "tags:politics",
        "<script>alert(1)</script>", "a^10", "[* TO *]", "\u0000\u001f", "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\""})
    void aHostileQIsText(String q) throws IOException {
        SearchQuery parsed = SearchQuery.parse(q);
        JsonNode body = tree(SearchBody.search(new SearchRequest(parsed, ListFilter.ALL, SearchRequest.Sort.RELEVANCE, 20, null),
                21, null, null));

        assertThat(keys(body)).doesNotContainAnyElementsOf(POWERFUL);
        List<String> texts = new ArrayList<>();
        body.path("query").path("bool").path("must").forEach(c -> texts.add(c.path("multi_match").path("query").asText()));
        body.path("query").path("bool").path("must_not").forEach(c -> texts.add(c.path("multi_match").path("query").asText()));
        List<String> expected = new ArrayList<>();
        parsed.included().forEach(t -> expected.add(t.text()));
        parsed.excluded().forEach(t -> expected.add(t.text()));
        assertThat(texts).isEqualTo(expected);
        JsonNode fields = tree(FIELDS);
        body.path("query").path("bool").path("must").forEach(c ->
                assertThat(c.path("multi_match").path("fields")).isEqualTo(fields));
    }

    @Test
    void twoHundredQuotesAreNoQuery() throws IOException {
        JsonNode body = tree(SearchBody.search(request("\"".repeat(200), ListFilter.ALL, SearchRequest.Sort.RELEVANCE), 21, null, null));

        assertThat(body.path("query")).isEqualTo(tree("{\"bool\": {\"filter\": []}}"));
        assertThat(body.has("highlight")).isFalse();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                keys.add(field.getKey());
                keys.addAll(keys(field.getValue()));
            }
        } else if (node.isArray()) {
            node.forEach(child -> keys.addAll(keys(child)));
        }
        return keys;
    }
}
