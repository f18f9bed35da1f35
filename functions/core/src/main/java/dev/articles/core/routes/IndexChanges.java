package dev.articles.core.routes;

import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import dev.articles.core.search.IndexCursor;
import dev.articles.core.search.IndexCursorMovedException;
import dev.articles.core.search.IndexCursorStore;
import dev.articles.core.search.SearchDocuments;
import dev.articles.core.search.SearchIndexMissingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The search indexer: keeps the search index in step with the changes feed, as a syncing device keeps its copy. It
 * reads the feed from its stored cursor, applies each page to the index, then saves the cursor, until the feed has
 * no more; so drafts, scheduled go-lives, unpublishing and deletes reach search with no rule of their own. What
 * wakes it (a write, a timer) only says when: a lost wake-up delays, never loses.
 *
 * <p>A page is applied before the cursor moves past it, so a run that stops between the two applies the page again
 * next time, which changes nothing (the documents are versioned by their change's time, see
 * {@link SearchDocuments}). Two indexers racing: the cursor is saved conditionally on the one read, and the one
 * that loses stops. A position older than the deletions the feed remembers, a missing index, or a request rebuilds
 * the index from scratch: a new concrete index fed from the start of the feed, which the public alias then points
 * at. docs/data-model.md, Search index.
 */
public final class IndexChanges {

    /**
     * How far ahead a run looks for the next change once it is up to date: when one (a write still settling, or a
     * scheduled article going live) settles within this and the run's time, the run waits for it and syncs again,
     * so it shows in search seconds after it settles, not at the next wake-up (a timer wakes the indexer every minute).
     */
    public static final Duration LOOK_AHEAD = Duration.ofSeconds(60);
    /**
     * The longest nap of such a wait: it looks again this often, so a write made meanwhile (whose own wake-up is held
     * back while this run lasts: one indexer runs at a time) is applied as it settles, not after a later go-live.
     */
    static final Duration NAP = Duration.ofSeconds(10);

    /** Waits; the function's is {@code Thread.sleep}, a test's moves its clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    /** How a run ended. */
    public enum Outcome {
        /** Every settled change is in the index, and none settles soon enough to wait for. */
        UP_TO_DATE,
        /** The run's time ran out with more changes to apply: the next run goes on from the cursor. */
        OUT_OF_TIME,
        /** Another indexer saved the cursor first: it carries on, this one stopped. */
        CURSOR_MOVED
    }

    /**
     * What a run did.
     *
     * @param rebuilding a rebuild from scratch is under way and not finished (the run ran out of time in it)
     * @param lag        how far search is behind now: now less the time of the newest change applied to the public
     *                   index; none applied and up to date: zero; out of time: now less the cursor's position. While
     *                   {@code rebuilding}, the time since the rebuild began: searches read the previous index, which
     *                   takes no change since then, and the entries the rebuild applies are as old as their articles'
     *                   last changes, which says nothing of a delay. So a rebuild reports zero as it starts, not
     *                   months, and one that never finishes (stuck, restarted, too slow) reports a lag that grows
     */
    public record Run(Outcome outcome, boolean reindexed, boolean rebuilding, int pages, int upserts, int deletes, Duration lag) {}

    private final ChangesFeed feed;
    private final SearchDocuments documents;
    private final IndexCursorStore cursors;
    private final Clock clock;
    private final Sleeper sleeper;

    public IndexChanges(ChangesFeed feed, SearchDocuments documents, IndexCursorStore cursors, Clock clock, Sleeper sleeper) {
        this.feed = feed;
        this.documents = documents;
        this.cursors = cursors;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Syncs the index until it is up to date or {@code deadline} (no page starts after it).
     *
     * @param reindex rebuild the index from scratch first
     * @throws dev.articles.core.search.SearchIndexingException when the engine refused a change: the cursor stays
     *                                                          before its page
     */
    public Run run(boolean reindex, Instant deadline) {
        Progress progress = new Progress();
        try {
            Optional<IndexCursor> stored = cursors.read();
            IndexCursor cursor;
            if (reindex || stored.isEmpty() || !stored.get().building() && !documents.exists()) {
                cursor = rebuild(stored, progress);
            } else {
                cursor = stored.get();
                if (cursor.building() && documents.create(cursor.index()) && !cursor.position().equals(ChangesFeed.START)) {
                    // The index being built was lost (deleted by hand): build it again from the start.
                    cursor = save(cursor, ChangesFeed.START, true);
                }
            }
            return sync(cursor, deadline, progress);
        } catch (IndexCursorMovedException e) {
            return progress.run(Outcome.CURSOR_MOVED, Duration.ZERO);
        }
    }

    private Run sync(IndexCursor start, Instant deadline, Progress progress) {
        IndexCursor cursor = start;
        while (true) {
            ChangesFeed.Read read;
            try {
                read = feed.read(cursor.position(), ChangesFeed.MAX_LIMIT);
                if (!read.changes().isEmpty()) {
                    if (cursor.building()) {
                        documents.applyTo(cursor.index(), read.changes());
                    } else {
                        documents.apply(read.changes());
                    }
                }
            } catch (ChangesExpiredException | SearchIndexMissingException e) {
                if (progress.reindexed) {
                    throw e; // rebuilt once in this run already: something else is wrong
                }
                cursor = rebuild(Optional.of(cursor), progress);
                continue;
            }
            progress.applied(read, cursor.building());
            if (!read.position().equals(cursor.position())) {
                cursor = save(cursor, read.position(), cursor.building());
            }
            if (read.more()) {
                if (!clock.instant().isBefore(deadline)) {
                    return cursor.building() ? progress.rebuilding(cursor)
                            : progress.run(Outcome.OUT_OF_TIME, Duration.between(Timestamps.parseSortable(cursor.position()), clock.instant()));
                }
                continue;
            }
            if (cursor.building()) {
                documents.publish(cursor.index());
                cursor = save(cursor, cursor.position(), false);
            }
            Optional<Instant> next = feed.nextSettled(cursor.position(), clock.instant().plus(LOOK_AHEAD));
            if (next.isEmpty() || next.get().isAfter(deadline)) {
                return progress.run(Outcome.UP_TO_DATE, Duration.ZERO);
            }
            Duration wait = Duration.between(clock.instant(), next.get());
            sleeper.sleep(wait.compareTo(NAP) > 0 ? NAP : wait);
        }
    }

    /** Starts a new concrete index, fed from the start of the feed; the one a stopped rebuild left is dropped. */
    private IndexCursor rebuild(Optional<IndexCursor> stored, Progress progress) {
        progress.reindexed = true;
        Instant now = clock.instant();
        IndexCursor next = new IndexCursor(ChangesFeed.START, documents.newIndex(now), true, now, now);
        // Saved before the index is created, so an index is never created that no cursor names (a create that timed
        // out, but happened, is found by the next run's create).
        cursors.save(stored, next);
        stored.filter(IndexCursor::building).ifPresent(abandoned -> documents.drop(abandoned.index()));
        documents.create(next.index());
        return next;
    }

    private IndexCursor save(IndexCursor previous, String position, boolean building) {
        IndexCursor next = new IndexCursor(position, previous.index(), building, previous.startedAt(), clock.instant());
        cursors.save(Optional.of(previous), next);
        return next;
    }

    /** What a run has done so far. */
    private final class Progress {
        boolean reindexed;
        int pages;
        int upserts;
        int deletes;
        /** The position of the newest change applied to the public index (not to one being built), or null. */
        String newest;

        void applied(ChangesFeed.Read read, boolean building) {
            pages++;
            for (Change change : read.changes()) {
                switch (change) {
                    case Change.Upsert upsert -> upserts++;
                    case Change.Delete delete -> deletes++;
                }
                if (!building) {
                    newest = change.position();
                }
            }
        }

        Run run(Outcome outcome, Duration lagWithoutChanges) {
            Duration lag = newest == null ? lagWithoutChanges : Duration.between(Timestamps.parseSortable(newest), clock.instant());
            return new Run(outcome, reindexed, false, pages, upserts, deletes, lag.isNegative() ? Duration.ZERO : lag);
        }

        /** Out of time in a rebuild: its lag is the time since it began (see {@link Run#lag}). */
        Run rebuilding(IndexCursor cursor) {
            return new Run(Outcome.OUT_OF_TIME, reindexed, true, pages, upserts, deletes, Duration.between(cursor.startedAt(), clock.instant()));
        }
    }
}
