package dev.articles.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import dev.articles.core.search.SearchHit;
import dev.articles.core.search.SearchIndex;
import dev.articles.core.search.SearchRequest;
import dev.articles.core.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The search port on OpenSearch. A walk is stable: its first page opens a point in time (PIT, kept 5 minutes past
 * each page) and every page searches that snapshot after the previous page's last sort values ({@code search_after}),
 * so edits made during the walk neither skip nor repeat a hit. A first page that is the whole answer closes its PIT
 * at once, as does the last page of a walk.
 *
 * <p>A reader who waits longer than the keep-alive before the next page finds the PIT gone: the walk then goes on
 * without one, by {@code search_after} on the index as it is now. Articles sort by the same values, so nothing the
 * snapshot held before the cursor comes back; what changed since may show or not, as in a list walked during edits
 * (under relevance, an edit can also move an article's score across the cursor).
 *
 * <p>A page makes up to three calls (open, search, close; or search, search again without an expired PIT), each
 * bounded by the client's timeouts. One that could outlast the request's deadline is not started: the answer is a
 * 503 in time rather than a function timeout, and a PIT left open expires by itself.
 */
public final class OpenSearchIndex implements SearchIndex {

    /** The longest one call can take: a connection, then a read. */
    static final Duration CALL_BOUND = OpenSearchClient.CONNECT_TIMEOUT.plus(OpenSearchClient.SOCKET_TIMEOUT);

    private final OpenSearchClient client;
    private final String index;
    private final RequestDeadline deadline;

    /** @param deadline the request's, as the function's HttpFunction sets it */
    public OpenSearchIndex(OpenSearchClient client, String index, RequestDeadline deadline) {
        this.client = client;
        this.index = index;
        this.deadline = deadline;
    }

    /** The function's index: {@link OpenSearchClient#index(Environment)}. */
    public static OpenSearchIndex create(OpenSearchClient client, Environment env, RequestDeadline deadline) {
        return new OpenSearchIndex(client, OpenSearchClient.index(env), deadline);
    }

    @Override
    public Page search(SearchRequest request) {
        Position from = request.after() == null ? null : Position.parse(request.after());
        String pit = from == null ? openPit() : from.pit();
        List<SortValue> after = from == null ? null : from.after();
        int size = request.limit() + 1;
        OpenSearchClient.Response response = null;
        if (pit != null) {
            response = send("POST", "/_search", SearchBody.search(request, size, pit, after));
            if (response.status() == 404 && OpenSearchJson.errorTypes(response.body()).contains("search_context_missing_exception")) {
                pit = null; // expired between pages: go on without it
                response = null;
            }
        }
        if (response == null) {
            response = send("POST", "/" + index + "/_search", SearchBody.search(request, size, null, after));
        }
        if (indexNotFound(response)) {
            return new Page(List.of(), null);
        }
        if (!response.ok()) {
            throw new IllegalStateException("the search engine refused a search with " + response.status() + ": " + text(response));
        }
        SearchResults results = SearchResults.read(response.body());
        if (pit != null && results.pit() != null) {
            pit = results.pit();
        }
        List<SearchResults.Hit> hits = results.hits();
        if (hits.size() <= request.limit()) {
            closePit(pit);
            return new Page(hits.stream().map(SearchResults.Hit::hit).toList(), null);
        }
        List<SearchHit> page = hits.subList(0, request.limit()).stream().map(SearchResults.Hit::hit).toList();
        return new Page(page, new Position(pit, hits.get(request.limit() - 1).sort()).text());
    }

    /**
     * A point in time for a new walk, or null to walk without one: when the index does not exist (the search that
     * follows answers an empty page), or when the engine refuses one more (its limit of open PITs, 300 by default, is
     * reached by many first pages within the keep-alive, which anyone may send). Without one a walk is the engine's
     * live index read by {@code search_after}, as after an expired PIT: a search is never refused for want of one.
     */
    private String openPit() {
        OpenSearchClient.Response response;
        try {
            response = send("POST", "/" + index + "/_search/point_in_time?keep_alive=" + SearchBody.KEEP_ALIVE, null);
        } catch (StoreUnavailableException e) {
            return null; // refused (429), or the engine is down: the search then says which
        }
        if (!response.ok()) {
            return null;
        }
        String pit = OpenSearchJson.read(response.body(), OpenSearchIndex::pitId);
        if (pit == null) {
            throw new IllegalStateException("the search engine created a point in time without an id: " + text(response));
        }
        return pit;
    }

    /** The {@code pit_id} of a created point in time: {@code {"pit_id":"…","_shards":{…},"creation_time":…}}. */
    private static String pitId(JsonParser p) throws IOException {
        String id = null;
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("pit_id")) {
                id = p.getValueAsString();
            } else {
                p.skipChildren();
            }
        }
        return id;
    }

    /** Frees the engine's snapshot now rather than at its keep-alive; the page is already answered either way. */
    private void closePit(String pit) {
        if (pit == null || !timeFor()) {
            return;
        }
        byte[] body = ("{\"pit_id\":[" + quoted(pit) + "]}").getBytes(StandardCharsets.UTF_8);
        try {
            client.send("DELETE", "/_search/point_in_time", body);
        } catch (StoreUnavailableException e) {
            // It expires by itself within the keep-alive.
        }
    }

    /** @throws StoreUnavailableException when the call might outlast the request */
    private OpenSearchClient.Response send(String method, String path, byte[] body) {
        if (!timeFor()) {
            throw new StoreUnavailableException("no time left in the request for " + method + " " + path, null);
        }
        return client.send(method, path, body);
    }

    /** Whether one more call ends within the request's deadline (always, outside a request). */
    private boolean timeFor() {
        return deadline.remainingNanos().orElse(Long.MAX_VALUE) >= CALL_BOUND.toNanos();
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.append('"').toString();
    }

    private static boolean indexNotFound(OpenSearchClient.Response response) {
        return response.status() == 404 && OpenSearchJson.errorTypes(response.body()).contains("index_not_found_exception");
    }

    private static String text(OpenSearchClient.Response response) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
