package dev.articles.core.search;

import java.util.Optional;

/** The IndexCursorStore port in memory: a conditional save, and a hook for what happens just before the next one. */
public final class InMemoryIndexCursorStore implements IndexCursorStore {

    private IndexCursor stored;
    private Runnable beforeNextSave = () -> { };
    private int saves;

    @Override
    public synchronized Optional<IndexCursor> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public void save(Optional<IndexCursor> previous, IndexCursor next) {
        Runnable before = beforeNextSave;
        beforeNextSave = () -> { };
        before.run();
        synchronized (this) {
            boolean same = previous.isEmpty() ? stored == null
                    : stored != null && stored.position().equals(previous.get().position()) && stored.index().equals(previous.get().index());
            if (!same) {
                throw new IndexCursorMovedException();
            }
            stored = next;
            saves++;
        }
    }

    /** Runs {@code action} just before the next save (another indexer, or a failure thrown from it). */
    public synchronized void beforeNextSave(Runnable action) {
        beforeNextSave = action;
    }

    /** Sets the stored cursor, as another indexer's save would. */
    public synchronized void set(IndexCursor cursor) {
        stored = cursor;
    }

    public synchronized int saves() {
        return saves;
    }
}
