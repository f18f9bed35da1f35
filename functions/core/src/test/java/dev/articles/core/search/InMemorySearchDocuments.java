package dev.articles.core.search;

import dev.articles.core.article.Article;
import dev.articles.core.changes.Change;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SearchDocuments port in memory, as the engine behaves: concrete indexes behind one alias, and each document
 * versioned by its change's time (a change no later than the version held is skipped, as the engine's external
 * versioning answers 409; a delete's version is remembered). {@link #refuseNext} makes the engine refuse a change.
 */
public final class InMemorySearchDocuments implements SearchDocuments {

    private record Versioned(long version, Article article) {}

    private final Map<String, Map<String, Versioned>> indexes = new LinkedHashMap<>();
    private String alias;
    private int created;
    private int skipped;
    private final List<String> dropped = new ArrayList<>();
    private boolean refuseNext;
    private boolean loseOnNextApply;

    @Override
    public synchronized void apply(List<Change> changes) {
        if (loseOnNextApply) {
            loseOnNextApply = false;
            lose();
        }
        if (alias == null) {
            throw new SearchIndexMissingException("no index behind the alias");
        }
        applyTo(alias, changes);
    }

    @Override
    public synchronized void applyTo(String index, List<Change> changes) {
        if (refuseNext) {
            refuseNext = false;
            throw new SearchIndexingException("mapper_parsing_exception");
        }
        Map<String, Versioned> documents = indexes.computeIfAbsent(index, i -> new HashMap<>());
        for (Change change : changes) {
            long version = SearchDocuments.version(change);
            String id = switch (change) {
                case Change.Upsert upsert -> upsert.article().id();
                case Change.Delete delete -> delete.id();
            };
            Versioned held = documents.get(id);
            if (held != null && held.version() >= version) {
                skipped++;
                continue;
            }
            documents.put(id, new Versioned(version, change instanceof Change.Upsert upsert ? upsert.article() : null));
        }
    }

    @Override
    public synchronized boolean exists() {
        return alias != null;
    }

    @Override
    public synchronized String newIndex(Instant at) {
        return "articles-" + at.toEpochMilli() + "-" + (created + 1);
    }

    @Override
    public synchronized boolean create(String index) {
        if (indexes.containsKey(index)) {
            return false;
        }
        indexes.put(index, new HashMap<>());
        created++;
        return true;
    }

    @Override
    public synchronized void publish(String index) {
        if (alias != null && !alias.equals(index)) {
            indexes.remove(alias);
            dropped.add(alias);
        }
        alias = index;
    }

    @Override
    public synchronized void drop(String index) {
        indexes.remove(index);
        dropped.add(index);
    }

    /** What a search sees: the live documents of the index behind the alias, by id. */
    public synchronized Map<String, Article> searchable() {
        return alias == null ? Map.of() : indexes.get(alias).entrySet().stream()
                .filter(e -> e.getValue().article() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().article()));
    }

    public synchronized Optional<String> alias() {
        return Optional.ofNullable(alias);
    }

    public synchronized List<String> indexes() {
        return List.copyOf(indexes.keySet());
    }

    public synchronized List<String> dropped() {
        return List.copyOf(dropped);
    }

    /** Changes skipped for a version no later than the one held (the engine's 409). */
    public synchronized int skipped() {
        return skipped;
    }

    /** The alias and its index disappear (deleted by hand). */
    public synchronized void lose() {
        indexes.remove(alias);
        alias = null;
    }

    /** The alias and its index disappear just before the next write through the alias. */
    public synchronized void loseOnNextApply() {
        loseOnNextApply = true;
    }

    public synchronized void refuseNext() {
        refuseNext = true;
    }
}
