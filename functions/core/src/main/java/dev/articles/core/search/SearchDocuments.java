package dev.articles.core.search;

import dev.articles.core.article.Timestamps;
import dev.articles.core.changes.Change;
import java.time.Instant;
import java.util.List;

/**
 * The search engine's documents, as the indexer writes them (the port; the engine's adapter implements it). The
 * public index is an alias over one concrete index; a reindex builds another, then moves the alias to it.
 *
 * <p>Applying a change is versioned by its feed time (external versioning): a document is replaced or removed only
 * by a change later than the one that wrote it, so a page applied twice, or an older page applied after a newer one
 * (two indexers racing), changes nothing.
 *
 * @throws dev.articles.core.store.StoreUnavailableException from any method, when the engine cannot answer now
 */
public interface SearchDocuments {

    /**
     * Applies changes, in order, to the index the public alias points at: an upsert indexes the live article, a
     * delete removes it by id.
     *
     * @throws SearchIndexMissingException when there is no such alias (never created, or deleted)
     * @throws SearchIndexingException     when the engine refused a change for another reason than its version
     */
    void apply(List<Change> changes);

    /** As {@link #apply(List)}, into the concrete index a reindex is building (not public yet). */
    void applyTo(String index, List<Change> changes);

    /** Whether the public alias exists: an index deleted by hand is seen by a run with no change to apply too. */
    boolean exists();

    /** The name of a new concrete index for a reindex started at {@code at}. */
    String newIndex(Instant at);

    /** Creates a concrete index with the mapping, unless it exists: true when it created it. */
    boolean create(String index);

    /**
     * Points the public alias at {@code index}, dropping the indexes it pointed at, in one atomic step: a search
     * sees the old index or the new one, never both or neither.
     */
    void publish(String index);

    /** Deletes a concrete index (a reindex abandoned for another); nothing when it does not exist. */
    void drop(String index);

    /**
     * A change's version: its feed time in microseconds since the epoch. An article's feed time moves forward with
     * each of its changes (each is stamped after the commit before it, Lambda's clocks agreeing within a
     * millisecond), and a microsecond is far below the time between two commits of one article.
     */
    static long version(Change change) {
        Instant at = Timestamps.parseSortable(change.position());
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }
}
