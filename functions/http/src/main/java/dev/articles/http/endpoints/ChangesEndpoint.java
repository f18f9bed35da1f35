package dev.articles.http.endpoints;

import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.routes.ChangesFeed;
import dev.articles.http.HttpFunction;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.Json;
import dev.articles.http.QueryParameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * GET /articles/changes: a page of the feed as {@code {"changes": [...], "cursor": "...", "more": bool}}, never more
 * than {@link #MAX_PAGE_BYTES} of JSON. Changes are serialized one by one; when the next one would pass the budget
 * the page ends before it, with {@code more: true} and the cursor after the last change included.
 */
public final class ChangesEndpoint implements HttpFunction.Endpoint {

    /** The contract's cap on a page's JSON, in UTF-8 bytes. */
    public static final int MAX_PAGE_BYTES = 1_000_000;
    /** As the list: the feed holds back its last seconds anyway, so a few seconds of cache hide nothing new. */
    static final String CACHE_CONTROL = "public, max-age=5";

    private static final String HEAD = "{\"changes\":[";

    private final ChangesFeed feed;

    public ChangesEndpoint(ChangesFeed feed) {
        this.feed = feed;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ChangesFeed.Page page = feed.changes(QueryParameters.parse(request.rawQueryString(), ChangesFeed.PARAMETERS));
        List<String> included = new ArrayList<>();
        long bytes = HEAD.length();
        String cursor = page.cursor();
        boolean more = page.more();
        List<Change> changes = page.changes();
        for (int i = 0; i < changes.size(); i++) {
            String json = change(changes.get(i));
            long withIt = bytes + (i == 0 ? 0 : 1) + json.getBytes(StandardCharsets.UTF_8).length;
            boolean last = i == changes.size() - 1;
            String cursorIfEnd = last ? page.cursor() : feed.cursorAfter(changes.get(i), page.since());
            if (withIt + tail(cursorIfEnd, last ? page.more() : true).length() > MAX_PAGE_BYTES) {
                // The page ends before this change. Never on the first: an article is at most 100,000 characters of
                // body in an item of at most 400 KB, so one change's JSON stays far below the budget.
                cursor = feed.cursorAfter(changes.get(i - 1), page.since());
                more = true;
                break;
            }
            included.add(json);
            bytes = withIt;
        }
        String body = HEAD + String.join(",", included) + tail(cursor, more);
        return HttpResponse.json(200, body).withHeader("Cache-Control", CACHE_CONTROL);
    }

    /** What follows the changes; ASCII only (a cursor is base64url), so its length is its size in bytes. */
    private static String tail(String cursor, boolean more) {
        return "],\"cursor\":" + Json.write(g -> g.writeString(cursor)) + ",\"more\":" + more + "}";
    }

    /** One change: {@code {"type":"upsert","article":{...}}} (the fetch's JSON) or {@code {"type":"delete","id":..,"at":..}}. */
    static String change(Change change) {
        return switch (change) {
            case Change.Upsert upsert -> "{\"type\":\"upsert\",\"article\":" + ArticleJson.article(upsert.article()) + "}";
            case Change.Delete delete -> Json.write(g -> {
                g.writeStartObject();
                g.writeStringField("type", "delete");
                g.writeStringField("id", delete.id());
                g.writeStringField("at", Timestamps.formatMillis(delete.at()));
                g.writeEndObject();
            });
        };
    }
}
