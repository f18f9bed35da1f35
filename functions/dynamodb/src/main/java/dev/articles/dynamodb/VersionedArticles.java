package dev.articles.dynamodb;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Slugs;
import dev.articles.core.article.Status;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.CleanUpLog;
import dev.articles.core.store.SlugTakenException;
import dev.articles.core.store.StoreUnavailableException;
import dev.articles.core.store.StoredArticle;
import dev.articles.core.store.VersionConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Creates, edits and deletes, each committed by ONE conditional write of the article item (on the version it
 * started from), without transactions. Every tag entry the write touches is written or marked {@code pending}, and
 * a new slug claimed ({@link SlugItems}), before the commit; readers show a pending entry only as the article item's current version, and only where that
 * version belongs (see {@link PendingEntries}). So a write that stops between any two of its requests leaves
 * every reader the whole old version or the whole new one; whatever it left is cleaned by the next writer of
 * the article, or by {@link #finish}. The write order is in docs/data-model.md.
 */
final class VersionedArticles {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Dynamo calls;
    private final CleanUpLog cleanUps;
    private final SlugItems slugs;
    /** Stamps each commit for the changes feed, just before it is sent (see ChangesFeed.SETTLE). */
    private final Clock clock;

    VersionedArticles(DynamoDbClient dynamo, String table, Dynamo calls, CleanUpLog cleanUps, Clock clock) {
        this.clock = clock;
        this.dynamo = dynamo;
        this.table = table;
        this.calls = calls;
        this.cleanUps = cleanUps;
        this.slugs = new SlugItems(dynamo, table, calls);
    }

    /**
     * The article a slug leads to, read consistently: the slug item's article (two reads), or for a slug of an
     * article stored before slugs, that article (one read). Empty when it leads nowhere or to a deleted article.
     */
    Optional<ArticleVersion> bySlug(String slug) {
        Optional<String> holder = slugs.holder(slug);
        return holder.or(() -> ArticleItems.legacyId(slug)).flatMap(id -> {
            Map<String, AttributeValue> item = get(id);
            if (item == null || item.isEmpty() || VersionedItems.isTombstone(item)) {
                return Optional.empty();
            }
            ArticleVersion found = VersionedItems.fromItem(item);
            // Without a slug item, a legacy slug finds only the article that still goes by it.
            return holder.isPresent() || found.article().slug().equals(slug) ? Optional.of(found) : Optional.empty();
        });
    }

    /**
     * The current version, read consistently: a write that answered is seen at once.
     *
     * @throws ArticleDeletedException while the tombstone of a deleted article remains
     */
    Optional<ArticleVersion> read(String id) {
        Map<String, AttributeValue> item = get(id);
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (VersionedItems.isTombstone(item)) {
            throw new ArticleDeletedException(id);
        }
        return Optional.of(VersionedItems.fromItem(item));
    }

    /** Reads the current version, lets {@code change} decide the next (or refuse), and writes it; see the port. */
    StoredArticle edit(String id, Function<StoredArticle, Article> change, Instant now) {
        ArticleVersion current = read(id).orElseThrow(() -> new ArticleNotFoundException(id));
        return edit(current, change.apply(current.stored()), now).stored();
    }

    /** Reads the current version, lets {@code check} refuse, and deletes it; see the port. */
    void delete(String id, Consumer<StoredArticle> check, Instant now) {
        ArticleVersion current = read(id).orElseThrow(() -> new ArticleNotFoundException(id));
        check.accept(current.stored());
        delete(current, now);
    }

    /**
     * Stores a new article: its tag entries pending and its slug claimed, then the article item (the commit point,
     * conditional on no item with its id), then the entries confirmed. Safe to repeat (a resumed idempotent create):
     * an article item that exists already counts as written, and a later version or a tombstone is never
     * overwritten. A derived slug that another article holds becomes the first free of {@code -2}, {@code -3}, …,
     * each claimed in turn, and the entries are written again with it.
     *
     * @return the article as stored (after a repeated create: as it is now)
     * @throws ArticleDeletedException when a repeated create finds its article deleted
     * @throws SlugTakenException when the client's slug is another article's: nothing visible was written
     */
    Article create(Article article, String createdBy, boolean slugGiven, Instant now) {
        ArticleVersion stored = ArticleVersion.created(article, createdBy, newWriteId());
        boolean[] claimed = {false};
        List<Phase.Request> before = new ArrayList<>(entryTags(article).stream().map(tag -> putEntry(stored, tag)).toList());
        before.add(claim(article.slug(), stored, now, claimed));
        Phase.all(before);
        if (!claimed[0] && slugGiven) {
            withdraw(stored, stored.entryKeys());
            throw new SlugTakenException(article.slug());
        }
        ArticleVersion named = claimed[0] ? stored : renamed(stored, firstFree(article.slug(), stored, now));
        Instant stamp = clock.instant();
        ArticleVersion placed = named.placedAt(named.nextFeedAt(named.article(), stamp));
        try {
            calls.call("put article", timeout -> dynamo.putItem(r -> r.overrideConfiguration(timeout)
                    .tableName(table).item(VersionedItems.article(placed))
                    .conditionExpression("attribute_not_exists(pk)")));
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return settleRepeatedCreate(named);
        }
        cleanUp(named);
        return named.article();
    }

    /** The create under the derived slug's numbered form: its entries written again, they hold the slug. */
    private ArticleVersion renamed(ArticleVersion created, String slug) {
        ArticleVersion renamed = ArticleVersion.created(created.article().withSlug(slug), created.createdBy(), created.writeId());
        Phase.all(entryTags(renamed.article()).stream().map(tag -> putEntry(renamed, tag)).toList());
        return renamed;
    }

    /** The first of {@code base-2}, {@code base-3}, … that this create can claim: one claim after another. */
    private String firstFree(String base, ArticleVersion creating, Instant now) {
        for (int n = 2; ; n++) {
            String candidate = Slugs.numbered(base, n);
            if (slugs.claim(candidate, creating.article().id(), creating.writeId(), now)) {
                return candidate;
            }
        }
    }

    /** The claim of a write's slug, in its phase before the commit: {@code claimed[0]} says whether it is ours. */
    private Phase.Request claim(String slug, ArticleVersion writing, Instant now, boolean[] claimed) {
        return new Phase.Request(SlugItems.key(slug),
                () -> claimed[0] = slugs.claim(slug, writing.article().id(), writing.writeId(), now));
    }

    /**
     * A write that will not commit removes its own entries at {@code keys}, invisible (those at keys the current
     * version has are pending, resolved by readers). A slug it claimed stays with the article: it is free again as
     * soon as its claim has passed, as the article does not go by it.
     */
    private void withdraw(ArticleVersion writing, Set<EntryKey> keys) {
        afterCommit(writing.article().id(), keys.stream().map(key -> deleteOwn(key, writing.writeId())).toList());
    }

    /** The tags that have entries: a draft has none, no public list shows it. */
    private static List<String> entryTags(Article article) {
        return article.status() == Status.PUBLISHED ? article.tags() : List.of();
    }

    /**
     * An earlier attempt of this create committed the article. Our entries repeat its first version: confirm
     * them if that is still the current version; otherwise leave pending those at keys the current version has
     * (readers confirm them against it) and delete the others.
     */
    private Article settleRepeatedCreate(ArticleVersion repeated) {
        Map<String, AttributeValue> item = get(repeated.article().id());
        boolean deleted = item == null || item.isEmpty() || VersionedItems.isTombstone(item);
        ArticleVersion current = deleted ? null : VersionedItems.fromItem(item);
        if (current != null && current.version() == 1) {
            cleanUp(repeated);
            return current.article();
        }
        Set<EntryKey> keep = current == null ? Set.of() : current.entryKeys();
        afterCommit(repeated.article().id(), minus(repeated.entryKeys(), keep).stream().map(key -> deleteOwn(key, repeated.writeId())).toList());
        if (deleted) {
            throw new ArticleDeletedException(repeated.article().id());
        }
        return current.article();
    }

    /**
     * Replaces {@code current} with {@code next} (same id and createdAt). An edit that changes nothing writes
     * nothing and returns {@code current}.
     *
     * @throws VersionConflictException when the article is no longer at {@code current}'s version: nothing changed
     */
    ArticleVersion edit(ArticleVersion current, Article next, Instant now) {
        Instant previous = current.article().updatedAt();
        if (current.article().equals(updatedAt(next, previous))) {
            return current;
        }
        Set<EntryKey> oldKeys = current.entryKeys();
        Set<EntryKey> newKeys = EntryKey.of(next, current.version() + 1);
        Set<EntryKey> dropped = minus(oldKeys, newKeys);
        // updatedAt moves forward with every version even if clocks disagree, so every version's JSON (and ETag) differs.
        Article changed = updatedAt(next, now.isAfter(previous) ? now : previous.plusMillis(1));
        ArticleVersion updated = new ArticleVersion(changed, current.version() + 1, current.createdBy(), dropped,
                newWriteId(), true, null);
        Instant decidedAt = clock.instant();

        // Before the commit, all at once: nothing here changes what a reader sees, in any subset.
        List<Phase.Request> before = new ArrayList<>();
        for (EntryKey leftover : minus(minus(current.staleEntries(), oldKeys), newKeys)) {
            before.add(deleteOlderThan(leftover, updated.version())); // an earlier edit stopped after its commit
        }
        dropped.forEach(key -> before.add(markPending(key)));
        entryTags(next).forEach(tag -> before.add(putEntry(updated, tag)));
        boolean[] claimed = {true};
        if (!current.slugClaimed() || !next.slug().equals(current.article().slug())) {
            before.add(claim(next.slug(), updated, now, claimed));
        }
        if (!current.slugClaimed() && !next.slug().equals(current.article().slug())) {
            // Stored before slugs: its legacy slug gets an item too, so that it redirects to the new one.
            boolean[] own = {true};
            before.add(claim(current.article().slug(), updated, now, own));
        }
        if (changed.status() == Status.PUBLISHED && current.feedAt() != null && changed.publishedAt().isAfter(decidedAt)) {
            // Its go-live entry, should readers hold it: decided at the commit's stamp (not before decidedAt), so a superset.
            before.add(putGoLive(changed));
        }
        Phase.all(before);
        if (!claimed[0]) {
            withdraw(updated, minus(newKeys, oldKeys));
            throw new SlugTakenException(next.slug());
        }
        Instant stamp = later(clock.instant(), decidedAt);
        ArticleVersion placed = updated.placedAt(current.nextFeedAt(changed, stamp));
        try {
            commit(VersionedItems.article(placed), current);
        } catch (VersionConflictException lost) {
            // Our entries at keys the current version lacks are invisible; remove them rather than leave them.
            withdraw(updated, minus(newKeys, oldKeys));
            throw lost;
        }
        cleanUp(placed);
        return placed;
    }

    /**
     * Deletes {@code current}: its item becomes a tombstone (see {@link VersionedItems#tombstone}).
     *
     * @throws VersionConflictException when the article is no longer at {@code current}'s version: nothing changed
     */
    void delete(ArticleVersion current, Instant now) {
        Set<EntryKey> entries = new LinkedHashSet<>(current.entryKeys());
        entries.addAll(current.staleEntries());
        Phase.all(current.entryKeys().stream().map(this::markPending).toList());
        commit(VersionedItems.tombstone(current, entries, now, clock.instant()), current);
        List<Phase.Request> cleanUp = new ArrayList<>(entries.stream().map(key -> deleteOlderThan(key, current.version() + 1)).toList());
        cleanUp.add(slugs.release(current.article().slug(), current.article().id()));
        afterCommit(current.article().id(), cleanUp);
    }

    /**
     * Completes what the last committed write of this article may have left undone (a retry of a write whose
     * answer was lost): a deleted article's tag entries are deleted, a current version's entries confirmed.
     */
    void finish(String id) {
        Map<String, AttributeValue> item = get(id);
        if (item == null || item.isEmpty()) {
            return;
        }
        if (VersionedItems.isTombstone(item)) {
            long version = VersionedItems.version(item);
            afterCommit(id, VersionedItems.staleEntries(item).stream().map(key -> deleteOlderThan(key, version)).toList());
        } else {
            cleanUp(VersionedItems.fromItem(item));
        }
    }

    /** After the commit, all at once: the entries the committed version dropped deleted, its own confirmed. */
    private void cleanUp(ArticleVersion committed) {
        List<Phase.Request> requests = new ArrayList<>();
        committed.staleEntries().forEach(key -> requests.add(deleteOlderThan(key, committed.version())));
        committed.entryKeys().forEach(key -> requests.add(clearPending(key, committed.writeId())));
        afterCommit(committed.article().id(), requests);
    }

    /**
     * Requests after the commit, best effort: what a failed one leaves is a pending entry, which readers resolve
     * against the article item, and which the next writer of the article finishes. Not swallowed: reported.
     */
    private void afterCommit(String articleId, List<Phase.Request> requests) {
        Map<Phase.Request, RuntimeException> failures = Phase.failures(requests);
        if (failures.isEmpty()) {
            return;
        }
        RuntimeException first = failures.values().iterator().next();
        cleanUps.unfinished(articleId, failures.keySet().stream()
                .map(r -> new CleanUpLog.Entry(r.entry().pk(), r.entry().sk())).toList(), first);
        failures.values().stream().filter(e -> !(e instanceof StoreUnavailableException)).findFirst().ifPresent(bug -> {
            throw bug; // not the database being away or out of time: our bug, a 500
        });
    }

    /** The commit point: one conditional write of the article item, on the version the write started from. */
    private void commit(Map<String, AttributeValue> item, ArticleVersion current) {
        try {
            calls.call("commit article", timeout -> dynamo.putItem(r -> {
                r.overrideConfiguration(timeout).tableName(table).item(item).expressionAttributeNames(Map.of("#v", VersionedItems.VERSION));
                if (current.version() == 0) {
                    r.conditionExpression("attribute_exists(pk) AND attribute_not_exists(#v)");
                } else {
                    r.conditionExpression("#v = :v").expressionAttributeValues(Map.of(":v", Attributes.n(current.version())));
                }
            }));
        } catch (ConditionalCheckFailedException e) {
            throw new VersionConflictException(current.article().id(), current.version());
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * The go-live entry of {@code scheduled} (see {@link VersionedItems#goLive}), before the commit. It holds no
     * content (a page reads the article item), so with or without the commit it shows the article as it is.
     */
    private Phase.Request putGoLive(Article scheduled) {
        Map<String, AttributeValue> item = VersionedItems.goLive(scheduled.id(), scheduled.publishedAt());
        return new Phase.Request(EntryKey.of(item), () -> calls.call("put go-live entry",
                timeout -> dynamo.putItem(r -> r.overrideConfiguration(timeout).tableName(table).item(item))));
    }

    /** A tag entry of {@code version}, pending (unconditional: an entry at the key is this article's, replaced). */
    private Phase.Request putEntry(ArticleVersion version, String tag) {
        return new Phase.Request(EntryKey.of(version.article(), version.version(), tag), () -> calls.call("put tag entry",
                timeout -> dynamo.putItem(r -> r.overrideConfiguration(timeout).tableName(table).item(VersionedItems.tagEntry(version, tag)))));
    }

    /** Before a commit that leaves this entry's version behind, so readers confirm it against the article item. */
    private Phase.Request markPending(EntryKey key) {
        return conditional(key, "mark tag entry", timeout -> dynamo.updateItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key.item())
                .updateExpression("SET " + ArticleItems.PENDING + " = :true")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true)))));
        // A refused condition: nothing to mark, a stopped write deleted it already.
    }

    /** After the commit: the entry confirmed, unless another write has put its own content there since. */
    private Phase.Request clearPending(EntryKey key, String writeId) {
        return conditional(key, "confirm tag entry", timeout -> dynamo.updateItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key.item())
                .updateExpression("REMOVE " + ArticleItems.PENDING)
                .conditionExpression("#w = :w")
                .expressionAttributeNames(Map.of("#w", VersionedItems.WRITE_ID))
                .expressionAttributeValues(Map.of(":w", Attributes.s(writeId)))));
    }

    /**
     * Deletes an entry of an earlier version, never one a later (or concurrent) write has put at the same key
     * (a refused condition); such an entry is pending and invisible, and stays listed for the next writer.
     */
    private Phase.Request deleteOlderThan(EntryKey key, long version) {
        return conditional(key, "delete tag entry", timeout -> dynamo.deleteItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key.item())
                .conditionExpression("attribute_not_exists(#v) OR #v < :v")
                .expressionAttributeNames(Map.of("#v", VersionedItems.VERSION))
                .expressionAttributeValues(Map.of(":v", Attributes.n(version)))));
    }

    /** Deletes an entry only while it holds what {@code writeId} put there. */
    private Phase.Request deleteOwn(EntryKey key, String writeId) {
        return conditional(key, "delete own tag entry", timeout -> dynamo.deleteItem(r -> r.overrideConfiguration(timeout).tableName(table).key(key.item())
                .conditionExpression("#w = :w")
                .expressionAttributeNames(Map.of("#w", VersionedItems.WRITE_ID))
                .expressionAttributeValues(Map.of(":w", Attributes.s(writeId)))));
    }

    /** A conditional write of one entry, for which a refused condition means there is nothing left to do. */
    private Phase.Request conditional(EntryKey key, String what, Function<AwsRequestOverrideConfiguration, ?> write) {
        return new Phase.Request(key, () -> {
            try {
                calls.call(what, write);
            } catch (ConditionalCheckFailedException nothingToDo) {
                // See the callers.
            }
        });
    }

    private Map<String, AttributeValue> get(String id) {
        return calls.call("get article", timeout -> dynamo.getItem(r -> r.overrideConfiguration(timeout)
                .tableName(table).key(ArticleItems.articleKey(id)).consistentRead(true))).item();
    }

    private static Article updatedAt(Article a, Instant updatedAt) {
        return a.withUpdatedAt(updatedAt);
    }

    static String newWriteId() {
        return UUID.randomUUID().toString();
    }

    private static Set<EntryKey> minus(Set<EntryKey> a, Set<EntryKey> b) {
        Set<EntryKey> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
