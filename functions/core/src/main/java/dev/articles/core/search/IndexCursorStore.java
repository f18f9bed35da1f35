package dev.articles.core.search;

import java.util.Optional;

/**
 * The search indexer's cursor, kept beside the articles (the port; the table's adapter implements it).
 *
 * @throws dev.articles.core.store.StoreUnavailableException from any method, when the store cannot answer now
 */
public interface IndexCursorStore {

    /** The cursor saved last (a strongly consistent read), or none before the first run. */
    Optional<IndexCursor> read();

    /**
     * Saves {@code next} if the stored cursor is still {@code previous} (its position and index), or absent when
     * {@code previous} is empty.
     *
     * @throws IndexCursorMovedException when another indexer saved a cursor since {@code previous} was read
     */
    void save(Optional<IndexCursor> previous, IndexCursor next);
}
