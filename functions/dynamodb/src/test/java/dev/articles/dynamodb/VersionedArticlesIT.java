package dev.articles.dynamodb;

import dev.articles.core.RequestDeadline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.StoreUnavailableException;
import dev.articles.core.store.VersionConflictException;
import dev.articles.core.article.ArticleIds;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TestDatabase;
import dev.articles.faultproxy.Fault;
import dev.articles.faultproxy.FaultProxy;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Creates, edits and deletes against the real engine: one conditional write decides between concurrent writers,
 * and a write that stops anywhere (the fault proxy fails every request from the N-th on, as a crashed function
 * would never send them, or only the N-th, the rest of its phase going through) leaves every reader the whole old
 * or the whole new version; a retry, or the next writer, completes it and leaves no entry behind.
 */
class VersionedArticlesIT {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00.000Z");
    static final ArticleIds IDS = new ArticleIds();

    static TestDatabase db;
    static FaultProxy proxy;
    /** Through the proxy, one attempt per request: a failed request is not retried, the write just stops. */
    static DynamoDbClient faulty;

    @BeforeAll
    static void start() {
        db = TestDatabase.shared();
        proxy = FaultProxy.start(db.endpoint());
        faulty = DynamoDbClient.builder().endpointOverride(proxy.endpoint()).region(LocalDynamoDb.REGION)
                .credentialsProvider(() -> AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY_ID, LocalDynamoDb.SECRET_ACCESS_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build()))
                .build();
    }

    @AfterAll
    static void stop() {
        faulty.close();
        proxy.close();
    }

    static Article article(String author, List<String> tags, Instant publishedAt) {
        Instant created = NOW.minusSeconds(60);
        String id = IDS.next(created);
        return new Article(id, id.toLowerCase(Locale.ROOT), Status.PUBLISHED, "Coup attempt underway", "First reports.", "Body.", author, "AMN", null,
                tags, publishedAt, created, created);
    }

    static Article with(Article a, String title, String author, List<String> tags, Instant publishedAt) {
        return new Article(a.id(), a.slug(), a.status(), title, a.summary(), a.body(), author, a.source(), a.sourceUrl(), tags, publishedAt, a.createdAt(), NOW);
    }

    static final Instant PUBLISHED = Instant.parse("2019-04-30T00:00:00Z");

    /** Edits that move entries in every way: tags added and removed, author changed, publishedAt changed, none. */
    static Stream<Arguments> edits() {
        return Stream.of(
                Arguments.of("title only", (UnaryOperator<Article>) a -> with(a, "Coup attempt fails", a.author(), a.tags(), a.publishedAt())),
                Arguments.of("tags and author", (UnaryOperator<Article>) a -> with(a, "Coup attempt fails", "Bob", List.of("politics", "military"), a.publishedAt())),
                Arguments.of("publishedAt", (UnaryOperator<Article>) a -> with(a, a.title(), a.author(), a.tags(), PUBLISHED.plusSeconds(3600))),
                Arguments.of("author, publishedAt and tags", (UnaryOperator<Article>) a -> with(a, a.title(), "Bob",
                        List.of("politics", "military", "latin-america"), PUBLISHED.plusSeconds(7200))),
                Arguments.of("all tags removed", (UnaryOperator<Article>) a -> with(a, a.title(), null, List.of(), a.publishedAt())),
                Arguments.of("slug", (UnaryOperator<Article>) a -> with(a, a.title(), a.author(), a.tags(), a.publishedAt()).withSlug("coup-attempt-fails")),
                Arguments.of("unpublished", (UnaryOperator<Article>) a -> withStatus(a, Status.DRAFT)),
                Arguments.of("scheduled, slug and tags", (UnaryOperator<Article>) a -> withStatus(with(a, a.title(), a.author(),
                        List.of("politics", "embargo"), NOW.plusSeconds(600)), Status.PUBLISHED).withSlug("embargoed")));
    }

    static Article withStatus(Article a, Status status) {
        return new Article(a.id(), a.slug(), status, a.title(), a.summary(), a.body(), a.author(), a.source(), a.sourceUrl(),
                a.tags(), a.publishedAt(), a.createdAt(), NOW);
    }

    static Article original() {
        return article("Ann", List.of("venezuela", "politics"), PUBLISHED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anEditShowsTheNewVersionEverywhereAndLeavesNothingBehind(String name, UnaryOperator<Article> change) {
        TableView view = freshTable();
        VersionedArticles versions = versions(db.client(), view);
        Article before = original();
        versions.create(before, "sub-ann", false, NOW);
        Article after = change.apply(before);

        ArticleVersion edited = versions.edit(versions.read(before.id()).orElseThrow(), after, NOW);

        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.createdBy()).isEqualTo("sub-ann");
        assertThat(edited.article().updatedAt()).isEqualTo(NOW);
        assertThat(view.current(before.id())).contains(edited);
        view.assertListsShow(Optional.of(after), before, after);
        view.assertSlugs(name, before, after);
        view.assertClean(before.id());
    }

    @Test
    void anEditThatChangesNothingWritesNothing() {
        TableView view = freshTable();
        Article article = original();
        versions(db.client(), view).create(article, null, false, NOW);
        ArticleVersion current = versions(db.client(), view).read(article.id()).orElseThrow();
        proxy.clear();

        assertThat(versions(faulty, view).edit(current, article, NOW)).isEqualTo(current);
        assertThat(proxy.counts()).isEmpty();
    }

    @Test
    void ofConcurrentEditsFromOneVersionExactlyOneWins() throws Exception {
        TableView view = freshTable();
        VersionedArticles versions = versions(db.client(), view);
        Article before = original();
        versions.create(before, null, false, NOW);
        ArticleVersion read = versions.read(before.id()).orElseThrow();
        int writers = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Article>> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                Article next = with(before, "Edit " + i, "Writer " + i, List.of("politics", "edit-" + i), before.publishedAt());
                outcomes.add(threads.submit(() -> {
                    go.await();
                    return versions.edit(read, next, NOW).article();
                }));
            }
            go.countDown();
        }
        List<Article> won = new ArrayList<>();
        int conflicts = 0;
        for (Future<Article> outcome : outcomes) {
            try {
                won.add(outcome.get());
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(VersionConflictException.class);
                conflicts++;
            }
        }
        assertThat(won).hasSize(1);
        assertThat(conflicts).isEqualTo(writers - 1);
        Article winner = won.getFirst();
        assertThat(view.current(before.id()).orElseThrow().article()).isEqualTo(winner);
        Article[] all = IntStream.range(0, writers)
                .mapToObj(i -> with(before, "Edit " + i, "Writer " + i, List.of("politics", "edit-" + i), before.publishedAt()))
                .toArray(Article[]::new);
        view.assertListsShow(Optional.of(winner), Stream.concat(Stream.of(before), Stream.of(all)).toArray(Article[]::new));
        // The losers' marks may stay pending: the next edit leaves the entries exactly its own.
        Article next = with(winner, "After the race", winner.author(), winner.tags(), winner.publishedAt());
        versions.edit(view.current(before.id()).orElseThrow(), next, NOW.plusSeconds(1));
        view.assertClean(before.id());
    }

    @Test
    void aStaleVersionChangesNothing() {
        TableView view = freshTable();
        VersionedArticles versions = versions(db.client(), view);
        Article before = original();
        versions.create(before, null, false, NOW);
        ArticleVersion v1 = versions.read(before.id()).orElseThrow();
        Article v2 = with(before, "Second", "Bob", List.of("second"), before.publishedAt());
        versions.edit(v1, v2, NOW);

        assertThatThrownBy(() -> versions.edit(v1, with(before, "Third", "Cy", List.of("third"), before.publishedAt()), NOW))
                .isInstanceOf(VersionConflictException.class);
        assertThatThrownBy(() -> versions.delete(v1, NOW)).isInstanceOf(VersionConflictException.class);
        view.assertListsShow(Optional.of(v2), before, v2, with(before, "Third", "Cy", List.of("third"), before.publishedAt()));
        view.assertClean(before.id());
    }

    @Test
    void aDeletedArticleIsGoneEverywhereAndRefusesItsId() {
        TableView view = freshTable();
        VersionedArticles versions = versions(db.client(), view);
        Article article = original();
        versions.create(article, null, false, NOW);
        versions.delete(versions.read(article.id()).orElseThrow(), NOW);

        assertThatThrownBy(() -> versions.read(article.id())).isInstanceOf(ArticleDeletedException.class);
        assertThatThrownBy(() -> new DynamoArticleStore(db.client(), view.table()).get(article.id()))
                .isInstanceOf(ArticleDeletedException.class);
        view.assertListsShow(Optional.empty(), article);
        view.assertClean(article.id());
        // A replayed create of the same article (an idempotent retry) meets the tombstone and leaves nothing.
        assertThatThrownBy(() -> versions.create(article, null, false, NOW)).isInstanceOf(ArticleDeletedException.class);
        view.assertListsShow(Optional.empty(), article);
        assertThat(view.tagEntries(article.id())).isEmpty();
    }

    /**
     * How a write is stopped: every request from the n-th on fails (a crash, or a lost database), or only the n-th
     * fails for good, the others of its phase going through (a phase's requests are in flight together, so a write
     * can stop with any of them done). The client sends each request once, so a failed one stays failed.
     */
    enum Stop {
        FROM_THE_NTH_ON, ONLY_THE_NTH;

        Fault fault(int n) {
            Fault fault = Fault.internalServerError().after(n);
            return this == ONLY_THE_NTH ? fault.times(1) : fault;
        }
    }

    static Stream<Arguments> editsAndStops() {
        return edits().flatMap(edit -> Stream.of(Stop.values()).map(stop -> Arguments.of(edit.get()[0], edit.get()[1], stop)));
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("editsAndStops")
    void anEditStoppedAnywhereShowsOneWholeVersionAndIsCompleted(String name, UnaryOperator<Article> change, Stop stop) {
        editStoppedAnywhere(name, VersionedArticlesIT::original, change, stop);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Stop.class)
    void publishingADraftStoppedAnywhereShowsOneWholeVersionAndIsCompleted(Stop stop) {
        editStoppedAnywhere("published", () -> withStatus(original(), Status.DRAFT).withUpdatedAt(NOW.minusSeconds(60)),
                a -> withStatus(a, Status.PUBLISHED).withSlug("coup-attempt-underway"), stop);
    }

    private static void editStoppedAnywhere(String name, Supplier<Article> original, UnaryOperator<Article> change, Stop stop) {
        int writes = requestsOf(view -> {
            VersionedArticles versions = versions(db.client(), view);
            Article before = original.get();
            versions.create(before, null, false, NOW);
            ArticleVersion current = versions.read(before.id()).orElseThrow();
            proxy.clear();
            versions(faulty, view).edit(current, change.apply(before), NOW);
        });
        assertThat(writes).isGreaterThan(1);
        for (int n = 0; n < writes; n++) {
            TableView view = freshTable();
            VersionedArticles versions = versions(db.client(), view);
            Article before = original.get();
            Article after = change.apply(before);
            versions.create(before, null, false, NOW);
            ArticleVersion current = versions.read(before.id()).orElseThrow();
            stopAt(stop, n, () -> versions(faulty, view).edit(current, after, NOW));

            ArticleVersion seen = view.current(before.id()).orElseThrow();
            Article shown = seen.article();
            assertThat(shown).as("request %d of %d failed (%s)", n, writes, stop).isIn(before, after);
            view.assertListsShow(Optional.of(shown), before, after);
            view.assertSlugs("request %d of %d failed (%s)".formatted(n, writes, stop), before, after);
            view.assertFeed("request %d of %d failed (%s)".formatted(n, writes, stop), before);

            if (shown.equals(before)) {
                versions.edit(seen, after, NOW); // the client's retry
            } else {
                versions.finish(before.id()); // a retry that finds it committed, or the next writer
            }
            view.assertListsShow(Optional.of(after), before, after);
            view.assertSlugs(name + ", completed", before, after);
            view.assertFeed(name + ", completed", before);
            view.assertClean(before.id());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Stop.class)
    void aDeleteStoppedAnywhereLeavesTheArticleWholeOrGoneAndIsCompleted(Stop stop) {
        int writes = requestsOf(view -> {
            VersionedArticles versions = versions(db.client(), view);
            Article article = original();
            versions.create(article, null, false, NOW);
            ArticleVersion current = versions.read(article.id()).orElseThrow();
            proxy.clear();
            versions(faulty, view).delete(current, NOW);
        });
        assertThat(writes).isGreaterThan(1);
        for (int n = 0; n < writes; n++) {
            TableView view = freshTable();
            VersionedArticles versions = versions(db.client(), view);
            Article article = original();
            versions.create(article, null, false, NOW);
            ArticleVersion current = versions.read(article.id()).orElseThrow();
            stopAt(stop, n, () -> versions(faulty, view).delete(current, NOW));

            Optional<ArticleVersion> seen = wholeOrNowhere(view, article, "request %d of %d failed (%s)".formatted(n, writes, stop));
            view.assertFeed("request %d of %d failed (%s)".formatted(n, writes, stop), article);

            if (seen.isPresent()) {
                versions.delete(seen.get(), NOW);
            } else {
                versions.finish(article.id());
            }
            view.assertListsShow(Optional.empty(), article);
            view.assertSlugs("deleted", article);
            view.assertFeed("deleted", article);
            assertThat(view.tagEntries(article.id())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Stop.class)
    void aCreateStoppedAnywhereShowsTheArticleWholeOrNowhereAndIsCompletedByItsRetry(Stop stop) {
        int writes = requestsOf(view -> versions(faulty, view).create(original(), "sub-ann", false, NOW));
        assertThat(writes).isGreaterThan(1);
        for (int n = 0; n < writes; n++) {
            TableView view = freshTable();
            Article article = original();
            stopAt(stop, n, () -> versions(faulty, view).create(article, "sub-ann", false, NOW));
            wholeOrNowhere(view, article, "request %d of %d failed (%s)".formatted(n, writes, stop));
            view.assertSlugs("request %d of %d failed (%s)".formatted(n, writes, stop), article);
            view.assertFeed("request %d of %d failed (%s)".formatted(n, writes, stop), article.id());

            versions(db.client(), view).create(article, "sub-ann", false, NOW); // the idempotent retry: the same article
            view.assertListsShow(Optional.of(article), article);
            view.assertSlugs("retried", article);
            view.assertFeed("retried", article.id());
            view.assertClean(article.id());
        }
    }

    @Test
    void pagingWhileAnotherThreadEditsAndDeletesVisitsEveryArticleOnceAndWhole() throws Exception {
        TableView view = freshTable();
        VersionedArticles versions = versions(db.client(), view);
        DynamoArticleStore store = new DynamoArticleStore(db.client(), view.table());
        List<ArticleVersion> current = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Article article = generation(article("A", List.of(), PUBLISHED.plusSeconds(60L * (i % 15))), 0);
            versions.create(article, null, false, NOW);
            current.add(versions.read(article.id()).orElseThrow());
        }
        List<String> doomed = IntStream.range(0, current.size()).filter(i -> i % 10 == 3)
                .mapToObj(i -> current.get(i).article().id()).toList();
        AtomicBoolean walking = new AtomicBoolean(true);
        AtomicInteger generations = new AtomicInteger();
        try (ExecutorService editor = Executors.newSingleThreadExecutor()) {
            Future<Integer> edits = editor.submit(() -> {
                int generation = 0;
                while (walking.get()) {
                    generation = generations.incrementAndGet();
                    for (int i = 0; i < current.size(); i++) {
                        ArticleVersion before = current.get(i);
                        if (before == null) {
                            continue;
                        }
                        if (generation == 2 && doomed.contains(before.article().id())) {
                            versions.delete(before, NOW);
                            current.set(i, null);
                        } else {
                            current.set(i, versions.edit(before, generation(before.article(), generation), NOW));
                        }
                    }
                }
                return generation;
            });
            List<ListFilter> everyArticle = List.of(ListFilter.ALL, new ListFilter("walk", null, null, null));
            List<ListFilter> someArticles = List.of(new ListFilter(null, "A", null, null),
                    new ListFilter("walk", "A", null, null), new ListFilter("walk", "B", null, null));
            List<String> kept = current.stream().map(c -> c.article().id()).filter(id -> !doomed.contains(id)).toList();
            try {
                // Walks go on until the editor has rewritten every article a few times and deleted some.
                for (int walk = 0; walk < 3 || generations.get() < 4; walk++) {
                    for (ListFilter filter : everyArticle) {
                        assertThat(walk(store, filter)).as("walk of %s", filter).doesNotHaveDuplicates().containsAll(kept);
                    }
                    for (ListFilter filter : someArticles) {
                        assertThat(walk(store, filter)).as("walk of %s", filter).doesNotHaveDuplicates();
                    }
                }
            } finally {
                walking.set(false);
            }
            assertThat(edits.get()).as("generations edited during the walks").isGreaterThan(3);
        }
    }

    /** Pages of 3 from the first to the last, each item a whole version; the ids in the order seen. */
    private static List<String> walk(DynamoArticleStore store, ListFilter filter) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            ArticleStore.Page page = store.list(filter, after, 3, NOW);
            for (Article item : page.items()) {
                int generation = Integer.parseInt(item.title().substring(1));
                assertThat(TableView.summary(generation(item, generation))).as("a whole version").isEqualTo(item);
                ids.add(item.id());
            }
            after = page.nextAfterListSk();
        } while (after != null);
        return ids;
    }

    /** Generation g of an article: every summary field says g, so a list item mixing two generations shows. */
    private static Article generation(Article a, int g) {
        return new Article(a.id(), a.slug(), a.status(), "g" + g, "s" + g, a.body(), g % 2 == 0 ? "A" : "B", a.source(), a.sourceUrl(),
                List.of("walk", "g" + g % 3), a.publishedAt(), a.createdAt(), a.updatedAt());
    }

    /** Runs {@code write} with its n-th request failing as {@code stop} says: the write may stop there. */
    private static void stopAt(Stop stop, int n, Runnable write) {
        proxy.clear();
        proxy.inject(stop.fault(n));
        try {
            write.run();
        } catch (StoreUnavailableException stopped) {
            // The write stopped here; what did it leave?
        }
        proxy.clear();
    }

    /** After a stopped create or delete: fetch shows the article whole or not at all, and every list agrees. */
    private static Optional<ArticleVersion> wholeOrNowhere(TableView view, Article article, String as) {
        Optional<ArticleVersion> seen = view.current(article.id());
        seen.ifPresent(version -> assertThat(version.article()).as(as).isEqualTo(article));
        view.assertListsShow(seen.map(ArticleVersion::article), article);
        return seen;
    }

    /** How many requests a write sends, run once on a table of its own with no fault. */
    private static int requestsOf(Consumer<TableView> write) {
        write.accept(freshTable());
        int requests = proxy.counts().values().stream().mapToInt(c -> (int) c.requests()).sum();
        proxy.clear();
        return requests;
    }

    private static VersionedArticles versions(DynamoDbClient client, TableView view) {
        return new VersionedArticles(client, view.table(), new Dynamo(new RequestDeadline()), new RecordedCleanUps(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static TableView freshTable() {
        return new TableView(db.client(), db.newTable());
    }
}
