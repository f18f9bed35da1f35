package dev.articles.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleIds;
import dev.articles.core.article.Publication;
import dev.articles.core.article.Status;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.ListFilter;
import dev.articles.core.store.PreviewFilter;
import dev.articles.core.store.SlugTakenException;
import dev.articles.core.store.StoredArticle;
import dev.articles.dynalite.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Drafts, scheduled articles, previews and slugs in the DynamoDB store, on a real engine: what the public lists
 * read, what a preview list holds, and which article a slug leads to through creates, renames and deletes.
 */
class PublishingIT {

    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    static final ArticleIds IDS = new ArticleIds();

    TestDatabase db = TestDatabase.shared();
    String table;
    DynamoArticleStore store;

    @BeforeEach
    void freshTable() {
        table = db.newTable();
        store = new DynamoArticleStore(db.client(), table);
    }

    static Article article(String title, String slug, Status status, Instant publishedAt, String... tags) {
        Instant created = NOW.minusSeconds(60);
        String id = IDS.next(created);
        return new Article(id, slug, status, title, null, "Body.", "Ann", null, null, List.of(tags), publishedAt, created, created);
    }

    static Article live(String slug, String... tags) {
        return article("Live " + slug, slug, Status.PUBLISHED, NOW.minusSeconds(3600), tags);
    }

    @Test
    void publicListsShowLiveArticlesOnlyAndReadNothingElse() {
        Article live = store.create(live("live", "politics"), "sub-ann", true, NOW);
        store.create(article("Draft", "draft", Status.DRAFT, null, "politics"), "sub-ann", true, NOW);
        store.create(article("Planned draft", "planned", Status.DRAFT, NOW.minusSeconds(10), "politics"), "sub-ann", true, NOW);
        Article scheduled = store.create(article("Embargoed", "embargoed", Status.PUBLISHED, NOW.plusSeconds(60), "politics"),
                "sub-ann", true, NOW);

        for (ListFilter filter : List.of(ListFilter.ALL, new ListFilter("politics", null, null, null),
                new ListFilter(null, "Ann", null, null), new ListFilter("politics", "Ann", null, null))) {
            assertThat(ids(store.list(filter, null, 10, NOW))).as("%s", filter).containsExactly(live.id());
            // At its publishedAt the scheduled one goes live by itself, with no write.
            assertThat(ids(store.list(filter, null, 10, scheduled.publishedAt()))).as("%s later", filter)
                    .containsExactly(scheduled.id(), live.id());
            // What the page's Query read: the live article alone, no draft or scheduled one thrown away.
            QueryResponse read = db.client().query(ListQueries.query(table, filter, null, 10, NOW).orElseThrow());
            assertThat(read.scannedCount()).as("%s items read", filter).isEqualTo(1);
        }
    }

    @Test
    void previewListsHoldEveryArticleAnEditorAllAReporterTheirOwn() {
        Article live = store.create(live("live"), "sub-ann", true, NOW);
        Article draft = store.create(article("Draft", "draft", Status.DRAFT, null), "sub-ann", true, NOW);
        Article scheduled = store.create(article("Embargoed", "embargoed", Status.PUBLISHED, NOW.plusSeconds(60)), "sub-bob", true, NOW);

        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, null, null), null, 10, NOW)))
                .containsExactly(scheduled.id(), draft.id(), live.id()); // the draft at its updatedAt
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, null, "sub-ann"), null, 10, NOW)))
                .containsExactly(draft.id(), live.id());
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, Publication.DRAFT, null), null, 10, NOW))).containsExactly(draft.id());
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, Publication.SCHEDULED, null), null, 10, NOW))).containsExactly(scheduled.id());
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, Publication.LIVE, null), null, 10, NOW))).containsExactly(live.id());

        ArticleStore.Page first = store.preview(new PreviewFilter(ListFilter.ALL, null, null), null, 2, NOW);
        assertThat(first.items()).hasSize(2);
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, null, null), first.nextAfterListSk(), 2, NOW)))
                .containsExactly(live.id());
    }

    @Test
    void aDerivedSlugTakesTheFirstFreeNumberAClientSlugIsRefused() {
        Article first = store.create(live("crowds-gather"), null, false, NOW);
        Article second = store.create(live("crowds-gather"), null, false, NOW);
        Article third = store.create(live("crowds-gather"), null, false, NOW);
        assertThat(List.of(first.slug(), second.slug(), third.slug()))
                .containsExactly("crowds-gather", "crowds-gather-2", "crowds-gather-3");
        assertThat(store.get(second.id()).orElseThrow().slug()).isEqualTo("crowds-gather-2");
        assertThat(store.list(new ListFilter("x", null, null, null), null, 10, NOW).items()).isEmpty();

        Article refused = live("crowds-gather-2", "x");
        assertThatThrownBy(() -> store.create(refused, null, true, NOW)).isInstanceOf(SlugTakenException.class);
        assertThat(store.read(refused.id())).isEmpty();
        assertThat(store.list(new ListFilter("x", null, null, null), null, 10, NOW).items()).as("its entries withdrawn").isEmpty();
        assertThat(store.bySlug("crowds-gather-2").map(s -> s.article().id())).contains(second.id());
    }

    @Test
    void aRenamedArticleKeepsItsFormerSlugUntilAnotherTakesIt() {
        Article article = store.create(live("old-name"), null, true, NOW);
        StoredArticle renamed = store.edit(article.id(), current -> current.article().withSlug("new-name"), NOW);

        assertThat(store.bySlug("new-name").map(StoredArticle::article)).contains(renamed.article());
        assertThat(store.bySlug("old-name").map(s -> s.article().slug())).as("a redirect").contains("new-name");
        // While the rename's claim lasts nobody takes the former slug; after it, it is free.
        Article taker = live("old-name");
        assertThatThrownBy(() -> store.create(taker, null, true, NOW)).isInstanceOf(SlugTakenException.class);
        Instant later = NOW.plus(SlugItems.HELD_FOR).plusMillis(1);
        store.create(taker, null, true, later);
        assertThat(store.bySlug("old-name").map(s -> s.article().id())).contains(taker.id());
        // Taking a slug the article holds now stays refused, also after its claim.
        assertThatThrownBy(() -> store.create(live("new-name"), null, true, later)).isInstanceOf(SlugTakenException.class);
    }

    @Test
    void aDeletedArticlesSlugsLeadNowhereAndAreFree() {
        Article article = store.create(live("gone"), null, true, NOW);
        store.edit(article.id(), current -> current.article().withSlug("gone-2"), NOW);
        store.delete(article.id(), current -> { }, NOW);

        assertThat(store.bySlug("gone")).isEmpty();
        assertThat(store.bySlug("gone-2")).isEmpty();
        Instant later = NOW.plus(SlugItems.HELD_FOR).plusMillis(1);
        assertThat(store.create(live("gone"), null, true, later).slug()).isEqualTo("gone");
        assertThat(store.create(live("gone-2"), null, true, NOW).slug()).as("its current slug: deleted at once").isEqualTo("gone-2");
    }

    @Test
    void anArticleStoredBeforeSlugsGoesByItsIdUntilItsFirstEditClaimsASlug() {
        // The item as the previous version wrote it: no slug, no status, no previewPk.
        String id = IDS.next(NOW.minusSeconds(300));
        Map<String, AttributeValue> legacy = new java.util.HashMap<>(ArticleItems.article(live("x"), null));
        legacy.keySet().removeAll(List.of("slug", "status", Keys.PREVIEW_PK));
        legacy.put("id", AttributeValue.fromS(id));
        legacy.put(Keys.PK, AttributeValue.fromS(Keys.article(id)));
        legacy.put(Keys.LIST_SK, AttributeValue.fromS(Keys.listSk(NOW.minusSeconds(3600), id)));
        db.client().putItem(r -> r.tableName(table).item(legacy));
        String legacySlug = id.toLowerCase(java.util.Locale.ROOT);

        Article read = store.get(id).orElseThrow();
        assertThat(read.status()).isEqualTo(Status.PUBLISHED);
        assertThat(read.slug()).isEqualTo(legacySlug);
        assertThat(ids(store.list(ListFilter.ALL, null, 10, NOW))).containsExactly(id);
        assertThat(store.bySlug(legacySlug).map(s -> s.article().id())).contains(id);
        assertThatThrownBy(() -> store.create(live(legacySlug), null, true, NOW)).as("nobody else takes it")
                .isInstanceOf(SlugTakenException.class);

        store.edit(id, current -> current.article().withSlug("a-real-name"), NOW);
        assertThat(store.bySlug("a-real-name").map(s -> s.article().id())).contains(id);
        assertThat(store.bySlug(legacySlug).map(s -> s.article().slug())).as("the id now redirects").contains("a-real-name");
        assertThat(ids(store.preview(new PreviewFilter(ListFilter.ALL, null, null), null, 10, NOW))).containsExactly(id);
    }

    private static List<String> ids(ArticleStore.Page page) {
        return page.items().stream().map(Article::id).toList();
    }
}
