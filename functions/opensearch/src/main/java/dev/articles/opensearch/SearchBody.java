package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.articles.core.article.Timestamps;
import dev.articles.core.search.SearchQuery;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.ListFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body of a {@code _search}: a structured query built from the parsed q, never the engine's query-string syntax.
 * Each word or phrase of q goes into the {@code query} text of a {@code multi_match} over title, summary and body,
 * where the field's analyzer (english: stemming, stop words) reads it as text: no field access, wildcard, regular
 * expression, fuzziness or script can come from q, whatever it holds.
 *
 * <pre>
 * bool: must     = a multi_match per included word (all of its analyzed tokens, in one field) or phrase (type phrase)
 *       must_not = the same per excluded word or phrase
 *       filter   = tags term, author term, publishedAt range (since inclusive, until exclusive), as the list
 * sort: relevance = _score desc, publishedAt desc, id desc; newest = publishedAt desc, id desc
 * highlight: html encoder, &lt;mark&gt; tags, a highlight_query of the included terms only
 * </pre>
 */
final class SearchBody {

    /** Where q is matched, a title match weighing most. */
    static final List<String> FIELDS = List.of("title^3", "summary^2", "body");
    /** An ArticleSummary's fields: the body stays in the engine. */
    static final List<String> SOURCE = List.of("id", "slug", "title", "summary", "author", "source", "sourceUrl", "tags",
            "publishedAt", "createdAt", "updatedAt");
    static final String KEEP_ALIVE = "5m";
    static final int FRAGMENT_SIZE = 150;
    static final int FRAGMENTS = 3;

    private SearchBody() {}

    /**
     * @param size  hits to fetch: one more than the page, to tell whether another page follows
     * @param pit   the point in time to search, or null to search the index (named in the path) as it is now
     * @param after the sort values of the previous page's last hit, or null for the first page
     */
    static byte[] search(SearchRequest request, int size, String pit, List<SortValue> after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = OpenSearchJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("size", size);
            g.writeBooleanField("track_total_hits", false);
            g.writeObjectFieldStart("_source");
            strings(g, "includes", SOURCE);
            g.writeEndObject();
            g.writeFieldName("query");
            query(g, request.query(), request.filter());
            sort(g, request.sort());
            if (!request.query().included().isEmpty()) {
                highlight(g, request.query().included());
            }
            if (pit != null) {
                g.writeObjectFieldStart("pit");
                g.writeStringField("id", pit);
                g.writeStringField("keep_alive", KEEP_ALIVE);
                g.writeEndObject();
            }
            if (after != null) {
                g.writeArrayFieldStart("search_after");
                for (SortValue value : after) {
                    value.write(g);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static void query(JsonGenerator g, SearchQuery q, ListFilter filter) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("bool");
        if (!q.included().isEmpty()) {
            g.writeArrayFieldStart("must");
            for (SearchQuery.Term term : q.included()) {
                // A word whose text the analyzer turns into no token (a stop word, "*") constrains nothing.
                match(g, term, "all");
            }
            g.writeEndArray();
        }
        if (!q.excluded().isEmpty()) {
            g.writeArrayFieldStart("must_not");
            for (SearchQuery.Term term : q.excluded()) {
                // Here such a word must match nothing, or it would exclude every article.
                match(g, term, "none");
            }
            g.writeEndArray();
        }
        g.writeArrayFieldStart("filter");
        if (filter.tag() != null) {
            term(g, "tags", filter.tag());
        }
        if (filter.author() != null) {
            term(g, "author", filter.author());
        }
        if (filter.since() != null || filter.until() != null) {
            g.writeStartObject();
            g.writeObjectFieldStart("range");
            g.writeObjectFieldStart("publishedAt");
            if (filter.since() != null) {
                g.writeStringField("gte", Timestamps.format(filter.since()));
            }
            if (filter.until() != null) {
                g.writeStringField("lt", Timestamps.format(filter.until()));
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void match(JsonGenerator g, SearchQuery.Term term, String zeroTerms) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("multi_match");
        g.writeStringField("query", term.text());
        strings(g, "fields", FIELDS);
        if (term.phrase()) {
            g.writeStringField("type", "phrase");
        } else {
            g.writeStringField("operator", "and");
        }
        g.writeStringField("zero_terms_query", zeroTerms);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void term(JsonGenerator g, String field, String value) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("term");
        g.writeStringField(field, value);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void sort(JsonGenerator g, SearchRequest.Sort sort) throws IOException {
        g.writeArrayFieldStart("sort");
        if (sort == SearchRequest.Sort.RELEVANCE) {
            descending(g, "_score");
        }
        descending(g, "publishedAt");
        descending(g, "id");
        g.writeEndArray();
    }

    private static void descending(JsonGenerator g, String field) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart(field);
        g.writeStringField("order", "desc");
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Fragments of the fields that matched, the engine HTML-escaping the text around its tags. The highlight query
     * holds only what q includes: an excluded word is in no hit, and a filter is no match to show.
     */
    private static void highlight(JsonGenerator g, List<SearchQuery.Term> included) throws IOException {
        g.writeObjectFieldStart("highlight");
        g.writeStringField("encoder", "html");
        strings(g, "pre_tags", List.of("<mark>"));
        strings(g, "post_tags", List.of("</mark>"));
        g.writeObjectFieldStart("highlight_query");
        g.writeObjectFieldStart("bool");
        g.writeArrayFieldStart("should");
        for (SearchQuery.Term term : included) {
            match(g, term, "none");
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeObjectFieldStart("fields");
        g.writeObjectFieldStart("title");
        g.writeNumberField("number_of_fragments", 0); // the whole title
        g.writeEndObject();
        for (String field : List.of("summary", "body")) {
            g.writeObjectFieldStart(field);
            g.writeNumberField("fragment_size", FRAGMENT_SIZE);
            g.writeNumberField("number_of_fragments", FRAGMENTS);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
