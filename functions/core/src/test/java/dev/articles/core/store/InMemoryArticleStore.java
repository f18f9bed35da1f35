package dev.articles.core.store;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Slugs;
import dev.articles.core.article.Status;
import dev.articles.core.changes.Change;
import dev.articles.core.article.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ArticleStore port in memory, for the use cases' unit tests. It keeps the port's contract as the DynamoDB
 * store does: every write is one step, an edit or delete committed only if the version its read saw is still the
 * current one ({@link VersionConflictException} otherwise), an edit that changes nothing writes nothing, a repeated
 * create changes nothing, and a deleted article stays a tombstone whose id every read and write refuses
 * ({@link ArticleDeletedException}). Two hooks stand in for the world: {@link #beforeNextWrite} runs between the
 * next write's read and its commit (a concurrent request), {@link #failNextWrite} fails it before its commit (an
 * unavailable database).
 */
public final class InMemoryArticleStore implements ArticleStore {

    private sealed interface Item permits Live, Tombstone {}

    private record Live(StoredArticle stored) implements Item {}

    private record Tombstone(Instant deletedAt) implements Item {}

    private final Map<String, Item> items = new HashMap<>();
    /** Slug to the id of the article that holds it, now or before it took another. */
    private final Map<String, String> slugs = new HashMap<>();
    /** Article id to its feed position: where its last change stands. */
    private final Map<String, String> feed = new HashMap<>();
    /** Go-live positions of live articles rescheduled into the future, to their ids. */
    private final Map<String, String> goLive = new HashMap<>();
    private final List<String> finished = new ArrayList<>();
    private Runnable beforeNextWrite = () -> { };
    private RuntimeException nextWriteFailure;
    private int writes;
    private int reads;

    @Override
    public synchronized Optional<StoredArticle> read(String id) {
        reads++;
        return switch (items.get(id)) {
            case null -> Optional.empty();
            case Tombstone deleted -> throw new ArticleDeletedException(id);
            case Live live -> Optional.of(live.stored());
        };
    }

    /** The slug's holder: an article whose slug it is or was, until another takes it or the holder is deleted. */
    @Override
    public synchronized Optional<StoredArticle> bySlug(String slug) {
        reads++;
        return holder(slug);
    }

    private Optional<StoredArticle> holder(String slug) {
        return items.get(slugs.get(slug)) instanceof Live live ? Optional.of(live.stored()) : Optional.empty();
    }

    @Override
    public Article create(Article article, String createdBy, boolean slugGiven, Instant now) {
        beforeCommit();
        synchronized (this) {
            return switch (items.get(article.id())) {
                case null -> {
                    Article named = article.withSlug(freeSlug(article, slugGiven));
                    slugs.put(named.slug(), named.id());
                    commit(article.id(), new Live(new StoredArticle(named, 1, createdBy)), now);
                    yield named;
                }
                case Tombstone deleted -> throw new ArticleDeletedException(article.id());
                // A resumed create whose first attempt committed: nothing to do.
                case Live earlierAttempt -> earlierAttempt.stored().article();
            };
        }
    }

    /** The article's slug, or a derived slug's first free numbered form; a slug is free unless its holder has it now. */
    private String freeSlug(Article article, boolean slugGiven) {
        for (int n = 1; ; n++) {
            String candidate = Slugs.numbered(article.slug(), n);
            boolean taken = holder(candidate).filter(holder -> !holder.article().id().equals(article.id())
                    && holder.article().slug().equals(candidate)).isPresent();
            if (!taken) {
                return candidate;
            }
            if (slugGiven) {
                throw new SlugTakenException(candidate);
            }
        }
    }

    @Override
    public StoredArticle edit(String id, Function<StoredArticle, Article> change, Instant now) {
        StoredArticle current = current(id);
        Article next = change.apply(current);
        if (next.equals(current.article())) {
            return current;
        }
        StoredArticle stored = new StoredArticle(next.withUpdatedAt(now), current.version() + 1, current.createdBy());
        beforeCommit();
        synchronized (this) {
            if (!next.slug().equals(current.article().slug())) {
                freeSlug(next, true);
            }
            commitOver(current, new Live(stored), now);
            slugs.put(next.slug(), id);
        }
        return stored;
    }

    @Override
    public void delete(String id, Consumer<StoredArticle> check, Instant now) {
        StoredArticle current = current(id);
        check.accept(current);
        beforeCommit();
        commitOver(current, new Tombstone(now), now);
    }

    /** Nothing is ever left undone here; records the call, which only a retry of a committed write makes. */
    @Override
    public synchronized void finish(String id) {
        finished.add(id);
    }

    /** Articles live at {@code now} matching the filter, newest first (ties: id descending), after the position given. */
    @Override
    public synchronized Page list(ListFilter filter, String afterListSk, int limit, Instant now) {
        return page(articles().filter(a -> a.isLive(now)), filter, afterListSk, limit);
    }

    @Override
    public synchronized Page preview(PreviewFilter filter, String afterListSk, int limit, Instant now) {
        Stream<Article> visible = items.values().stream()
                .flatMap(item -> item instanceof Live live ? Stream.of(live.stored()) : Stream.empty())
                .filter(stored -> filter.createdBy() == null || filter.createdBy().equals(stored.createdBy()))
                .map(StoredArticle::article)
                .filter(a -> filter.publication() == null || a.publication(now) == filter.publication());
        return page(visible, filter.list(), afterListSk, limit);
    }

    private Stream<Article> articles() {
        return items.values().stream().flatMap(item -> item instanceof Live live ? Stream.of(live.stored().article()) : Stream.empty());
    }

    private static Page page(Stream<Article> articles, ListFilter filter, String afterListSk, int limit) {
        List<Article> matching = articles
                .filter(a -> filter.tag() == null || a.tags().contains(filter.tag()))
                .filter(a -> filter.author() == null || filter.author().equals(a.author()))
                .filter(a -> filter.since() == null || !a.sortedAt().isBefore(filter.since()))
                .filter(a -> filter.until() == null || a.sortedAt().isBefore(filter.until()))
                .filter(a -> afterListSk == null || position(a).compareTo(afterListSk) < 0)
                .sorted(Comparator.comparing(InMemoryArticleStore::position).reversed())
                .map(a -> new Article(a.id(), a.slug(), a.status(), a.title(), a.summary(), null, a.author(), a.source(),
                        a.sourceUrl(), a.tags(), a.publishedAt(), a.createdAt(), a.updatedAt()))
                .toList();
        List<Article> page = matching.subList(0, Math.min(limit, matching.size()));
        return new Page(page, matching.size() > limit ? position(page.getLast()) : null);
    }

    /** Runs {@code write} between the next write's read and its commit, as a request running at the same time. */
    public synchronized void beforeNextWrite(Runnable write) {
        beforeNextWrite = write;
    }

    /** The next write fails with {@code failure} before its commit, as when the database is unavailable. */
    public synchronized void failNextWrite(RuntimeException failure) {
        nextWriteFailure = failure;
    }

    /** What every public route shows at {@code now}, whole, by id: what a client that syncs the feed must hold. */
    public synchronized Map<String, Article> live(Instant now) {
        Map<String, Article> live = new HashMap<>();
        items.forEach((id, item) -> {
            if (item instanceof Live l && l.stored().article().isLive(now)) {
                live.put(id, l.stored().article());
            }
        });
        return live;
    }

    /** How many writes committed: a use case that must write nothing leaves it as it was. */
    public synchronized int writes() {
        return writes;
    }

    /** How many single-article reads ({@link #read}, {@link #bySlug}) were made, an edit's and a delete's included. */
    public synchronized int reads() {
        return reads;
    }

    /** The ids {@link #finish} was called for, in order. */
    public synchronized List<String> finished() {
        return List.copyOf(finished);
    }

    private StoredArticle current(String id) {
        return read(id).orElseThrow(() -> new ArticleNotFoundException(id));
    }

    private void beforeCommit() {
        Runnable interleaved;
        RuntimeException failure;
        synchronized (this) {
            interleaved = beforeNextWrite;
            failure = nextWriteFailure;
            beforeNextWrite = () -> { };
            nextWriteFailure = null;
        }
        interleaved.run();
        if (failure != null) {
            throw failure;
        }
    }

    /** The conditional write: only over the version that was read. */
    private synchronized void commitOver(StoredArticle read, Item next, Instant at) {
        String id = read.article().id();
        if (!(items.get(id) instanceof Live live) || live.stored().version() != read.version()) {
            throw new VersionConflictException(id, read.version());
        }
        commit(id, next, at);
    }

    /**
     * Writes the item, and moves its feed entry to {@code at}: a scheduled article's to its publishedAt, unless a
     * reader may hold it (then it is a delete at {@code at}, and a go-live entry at its publishedAt shows it again); an
     * unpublished or deleted article's only if a reader may hold it. As the DynamoDB store does (docs/data-model.md).
     */
    private void commit(String id, Item item, Instant at) {
        boolean held = held(id, at);
        items.put(id, item);
        writes++;
        if (item instanceof Live live && live.stored().article().status() == Status.PUBLISHED) {
            Instant publishedAt = live.stored().article().publishedAt();
            boolean scheduled = publishedAt.isAfter(at);
            feed.put(id, Timestamps.sortable(scheduled && !held ? publishedAt : at) + "#" + id);
            if (scheduled && held) {
                goLive.put(Timestamps.sortable(publishedAt) + "#" + id + "!", id);
            }
        } else if (held) {
            feed.put(id, Timestamps.sortable(at) + "#" + id);
        } else {
            feed.remove(id);
        }
    }

    /** Whether a feed reader may hold the article at {@code at}: it has an entry, and not one at a future go-live. */
    private boolean held(String id, Instant at) {
        String position = feed.get(id);
        if (position == null) {
            return false;
        }
        Instant entry = Timestamps.parseSortable(position);
        return !(items.get(id) instanceof Live live && live.stored().article().status() == Status.PUBLISHED
                && entry.equals(live.stored().article().publishedAt()) && entry.isAfter(at));
    }

    @Override
    public synchronized ChangePage changes(String afterPosition, int limit, Instant before) {
        String end = Timestamps.sortable(before);
        List<String> read = Stream.concat(feed.values().stream(), goLive.keySet().stream()).sorted()
                .filter(position -> position.compareTo(afterPosition) > 0 && position.compareTo(end) < 0)
                .toList();
        List<String> page = read.subList(0, Math.min(limit, read.size()));
        List<Change> changes = page.stream().flatMap(position -> change(position, before).stream()).toList();
        return new ChangePage(changes, read.size() > limit, page.isEmpty() ? null : page.getLast());
    }

    /** The entry's article as it is now: nothing for a go-live entry of one that no reader may hold. */
    private Optional<Change> change(String position, Instant before) {
        String id = goLive.getOrDefault(position, position.substring(position.indexOf('#') + 1));
        if (items.get(id) instanceof Live live && live.stored().article().isLive(before)) {
            return Optional.of(new Change.Upsert(live.stored().article(), position));
        }
        return goLive.containsKey(position) && !held(id, before) ? Optional.empty()
                : Optional.of(new Change.Delete(id, Timestamps.parseSortable(position), position));
    }

    private static String position(Article article) {
        return Timestamps.sortable(article.sortedAt()) + "#" + article.id();
    }
}
