package dev.articles.core.routes;

import dev.articles.core.FieldError;
import dev.articles.core.InvalidInputException;
import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.paging.Cursors;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.PageFilter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GET /articles/changes: the feed a syncing client applies, in order, to hold exactly the live articles. A page
 * is the changes after the cursor's position and before now less {@link #SETTLE}, oldest first; each article at
 * most once, in its latest state (the store keeps one feed entry per article, moved to the time of its last change).
 */
public final class ChangesFeed {

    /** The query parameters the feed takes. */
    public static final Set<String> PARAMETERS = Set.of("limit", "cursor");
    static final int DEFAULT_LIMIT = 50;
    /** The most changes a page holds. */
    public static final int MAX_LIMIT = 100;

    /**
     * How far behind now a page stops: a change is stamped just before its commit, whose call ends within 4 s
     * (DynamoDbClients' call timeout; its answer usually takes milliseconds), and reaches the feed's index about a
     * second later at most; clocks of function instances agree within milliseconds (Amazon Time Sync). A change
     * older than this is in the index, so a page never passes over one still settling. docs/data-model.md, Changes feed.
     */
    public static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long deletions are remembered (the tombstones' lifetime): an older cursor is 410. */
    public static final Duration REMEMBERED = Duration.ofDays(30);

    /** Cursors bind to this: a list's cursor is not a feed's. */
    private static final PageFilter FEED = () -> "changes";
    private static final String ZEROS = "0".repeat(26);
    /** The position before every change: where a sync from nothing starts. */
    public static final String START = Timestamps.sortable(Instant.EPOCH) + "#" + ZEROS;

    /** One page: the changes in order, the cursor to go on from, and whether more are ready now. */
    public record Page(List<Change> changes, String cursor, boolean more) {}

    /** One page read from a raw position: as {@link Page}, with the position to go on from instead of a cursor. */
    public record Read(List<Change> changes, String position, boolean more) {}

    private final ArticleStore store;
    private final Cursors cursors;
    private final Clock clock;

    public ChangesFeed(ArticleStore store, Cursors cursors, Clock clock) {
        this.store = store;
        this.cursors = cursors;
        this.clock = clock;
    }

    /** A feed read by raw position only ({@link #read}, {@link #nextSettled}), as the search indexer does: no cursors. */
    public ChangesFeed(ArticleStore store, Clock clock) {
        this(store, null, clock);
    }

    /**
     * @throws InvalidInputException    for an invalid {@code limit}, or a cursor that was altered or made up
     * @throws ChangesExpiredException  for a cursor older than the deletions remembered
     */
    public Page changes(Map<String, String> query) {
        List<FieldError> errors = new ArrayList<>();
        int limit = ListParameters.limit(query.get("limit"), DEFAULT_LIMIT, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw InvalidInputException.of(InvalidInputException.Kind.PARAMETERS, "query parameter", errors);
        }
        Read read = read(query.get("cursor") == null ? START : cursors.decode(query.get("cursor"), FEED), limit);
        return new Page(read.changes(), cursors.encode(FEED, read.position()), read.more());
    }

    /**
     * The changes after a raw position ({@link #START}, or a {@link Read#position} read before): what a cursor holds,
     * unsigned, for a reader that keeps its position where nobody can alter it (the search indexer's table item).
     *
     * @param limit at most {@link #MAX_LIMIT}
     * @throws ChangesExpiredException for a position older than the deletions remembered
     */
    public Read read(String after, int limit) {
        Instant now = clock.instant();
        if (!after.equals(START) && Timestamps.parseSortable(after).isBefore(now.minus(REMEMBERED))) {
            throw new ChangesExpiredException();
        }
        Instant before = now.minus(SETTLE);
        String settled = Timestamps.sortable(before) + "#" + ZEROS;
        if (after.compareTo(settled) >= 0) {
            // Synced up to this moment already (called again at once, or on an instance whose clock is behind the
            // last one's): nothing has settled since, and a Query starting past its own range would be refused.
            return new Read(List.of(), after, false);
        }
        ArticleStore.ChangePage page = store.changes(after, limit, before);
        // Read to the end of what has settled: the next sync starts there, even with no change since.
        String position = page.more() ? page.changes().getLast().position() : settled;
        return new Read(page.changes(), position, page.more());
    }

    /**
     * When the first change after {@code position} (a {@link Read} that was not {@code more}) will have settled, if
     * it is stamped before {@code horizon}: a write still settling, or a scheduled article going live. One Query of
     * one entry.
     */
    public Optional<Instant> nextSettled(String position, Instant horizon) {
        if (position.compareTo(Timestamps.sortable(horizon)) >= 0) {
            return Optional.empty();
        }
        List<Change> next = store.changes(position, 1, horizon).changes();
        // Readable once now less SETTLE is past its stamp (read's bound is exclusive): a millisecond later.
        return next.stream().findFirst()
                .map(change -> Timestamps.parseSortable(change.position()).plus(SETTLE).plusMillis(1));
    }

    /** The cursor of a page cut short after {@code last} (the HTTP layer's byte limit). */
    public String cursorAfter(Change last) {
        return cursors.encode(FEED, last.position());
    }
}
