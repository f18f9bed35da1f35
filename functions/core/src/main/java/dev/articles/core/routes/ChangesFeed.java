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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * GET /articles/changes: the feed a syncing client applies, in order, to hold exactly the live articles. A page
 * is the changes after the cursor's position and before now less {@link #SETTLE}, oldest first; each article at
 * most once, in its latest state (the store keeps a feed entry per article, moved to the time of its last change,
 * and a second at the go-live of a live article rescheduled into the future).
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
    /** Separates a position's entry from the time its walk began (see {@link #read}). */
    private static final char SINCE = '@';
    private static final Pattern POSITION = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z#[0-9A-Z]{26}!?(@\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z)?");
    private static final int MAX_CURSOR_LENGTH = 200;

    /**
     * One page: the changes in order, the cursor to go on from, whether more are ready now, and since when what its
     * reader holds may be out of date (see {@link #read}).
     */
    public record Page(List<Change> changes, String cursor, boolean more, Instant since) {}

    /** One page read from a raw position: as {@link Page}, with the position to go on from instead of a cursor. */
    public record Read(List<Change> changes, String position, boolean more, Instant since) {}

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
        Read read = read(query.get("cursor") == null ? START : position(query.get("cursor")), limit);
        return new Page(read.changes(), cursors.encode(FEED, read.position()), read.more(), read.since());
    }

    /**
     * The changes after a raw position ({@link #START}, or a {@link Read#position} read before): what a cursor holds,
     * unsigned, for a reader that keeps its position where nobody can alter it (the search indexer's table item).
     *
     * <p>A position is the feed entry a reader is past, and, in the middle of a walk, {@code @<time>}: since when
     * what the reader holds may be out of date. A deletion is missed only when its tombstone is gone, and a tombstone
     * lives {@link #REMEMBERED} from the deletion, so what expires is that time, not the entry's: a walk from nothing
     * over articles last changed months ago passes positions that old, yet each article it holds was read this
     * walk, and a deletion of it comes later. A reader that is caught up holds everything up to its position, so
     * its position's own time is that time (cursors issued before walks carried it read the same way).
     *
     * @param limit at most {@link #MAX_LIMIT}
     * @throws ChangesExpiredException for a position whose reader may have missed a deletion no longer remembered
     */
    public Read read(String after, int limit) {
        Instant now = clock.instant();
        int at = after.indexOf(SINCE);
        String entry = at < 0 ? after : after.substring(0, at);
        Instant since = entry.equals(START) ? now
                : Timestamps.parseSortable(at < 0 ? entry : after.substring(at + 1));
        if (since.isBefore(now.minus(REMEMBERED))) {
            throw new ChangesExpiredException();
        }
        Instant before = now.minus(SETTLE);
        String settled = Timestamps.sortable(before) + "#" + ZEROS;
        if (entry.compareTo(settled) >= 0) {
            // Synced up to this moment already (called again at once, or on an instance whose clock is behind the
            // last one's): nothing has settled since, and a Query starting past its own range would be refused.
            return new Read(List.of(), after, false, since);
        }
        ArticleStore.ChangePage page = store.changes(entry, limit, before);
        // Read to the end of what has settled: the next sync starts there, even with no change since.
        String position = page.more() ? page.last() + SINCE + Timestamps.sortable(since) : settled;
        return new Read(latestOfEach(page.changes()), position, page.more(), since);
    }

    /**
     * Each article once: its last change of the page, where it stands (each is the article as it is now, so the
     * earlier one says nothing the last does not; a reader applying the page in order ends the same).
     */
    private static List<Change> latestOfEach(List<Change> changes) {
        Set<String> later = new HashSet<>();
        List<Change> kept = new ArrayList<>(changes.size());
        for (Change change : changes.reversed()) {
            if (later.add(change.id())) {
                kept.add(change);
            }
        }
        return kept.reversed();
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
        // Readable once now less SETTLE is past its stamp (read's bound is exclusive): a millisecond later.
        return Optional.ofNullable(store.changes(position, 1, horizon).last())
                .map(next -> Timestamps.parseSortable(next).plus(SETTLE).plusMillis(1));
    }

    /** The cursor of a page cut short after {@code last} (the HTTP layer's byte limit): its walk's {@link Page#since}. */
    public String cursorAfter(Change last, Instant since) {
        return cursors.encode(FEED, last.position() + SINCE + Timestamps.sortable(since));
    }

    private String position(String cursor) {
        String position = cursors.decode(cursor, FEED, MAX_CURSOR_LENGTH);
        if (!POSITION.matcher(position).matches()) {
            throw Cursors.invalid("is not a cursor this API issued");
        }
        return position;
    }
}
