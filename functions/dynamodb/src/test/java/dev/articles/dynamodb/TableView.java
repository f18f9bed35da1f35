package dev.articles.dynamodb;

import dev.articles.core.RequestDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.article.Article;
import dev.articles.core.store.ArticleDeletedException;
import dev.articles.core.changes.Change;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.ListFilter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What every reader of one table shows of an article: fetch and each list under each filter it may be in. */
final class TableView {

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoArticleStore store;
    private final VersionedArticles versions;

    TableView(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.store = new DynamoArticleStore(dynamo, table);
        this.versions = new VersionedArticles(dynamo, table, new Dynamo(new RequestDeadline()), new RecordedCleanUps(), Clock.fixed(VersionedArticlesIT.NOW, ZoneOffset.UTC));
    }

    String table() {
        return table;
    }

    /** The version fetch answers, or empty for a deleted (or never committed) article. */
    Optional<ArticleVersion> current(String id) {
        try {
            return versions.read(id);
        } catch (ArticleDeletedException deleted) {
            return Optional.empty();
        }
    }

    /**
     * Every list and filter that any of {@code versions} belongs to shows exactly {@code expected} (a whole
     * version, once) where it belongs, and nothing of the article elsewhere; empty expects it nowhere.
     */
    void assertListsShow(Optional<Article> expected, Article... versions) {
        String id = versions[0].id();
        for (ListFilter filter : filters(versions)) {
            List<Article> shown = store.list(filter, null, 100, VersionedArticlesIT.NOW).items().stream().filter(a -> a.id().equals(id)).toList();
            boolean belongs = expected.isPresent() && matches(expected.get(), filter);
            assertThat(shown).as("list %s", filter)
                    .containsExactlyElementsOf(belongs ? List.of(summary(expected.get())) : List.of());
        }
    }

    /**
     * Slugs lead only where they may: the current version's slug to the article, every other slug of {@code versions}
     * to it (a redirect) or nowhere; with no current version (deleted, never created), every slug nowhere.
     */
    void assertSlugs(String as, Article... versions) {
        Optional<ArticleVersion> current = current(versions[0].id());
        for (Article version : versions) {
            Optional<Article> led = store.bySlug(version.slug()).map(stored -> stored.article());
            if (current.isEmpty()) {
                assertThat(led).as("%s: slug %s of a gone article", as, version.slug()).isEmpty();
            } else if (version.slug().equals(current.get().article().slug())) {
                assertThat(led).as("%s: the current slug", as).contains(current.get().article());
            } else {
                assertThat(led).as("%s: a former slug", as).isIn(Optional.empty(), Optional.of(current.get().article()));
            }
        }
    }

    /**
     * The changes feed agrees with fetch: a device that held {@code before} (when it was live) and syncs from before
     * the write up to a moment after it holds the article exactly as fetch shows it when it is live, and not at all
     * otherwise (a live article rescheduled into the future included).
     */
    void assertFeed(String as, Article before) {
        assertFeed(as, before.id(), Optional.of(before).filter(a -> a.isLive(VersionedArticlesIT.NOW)));
    }

    /** As {@link #assertFeed(String, Article)}, for a device that held nothing of the article (before a create). */
    void assertFeed(String as, String id) {
        assertFeed(as, id, Optional.empty());
    }

    private void assertFeed(String as, String id, Optional<Article> heldBefore) {
        Optional<Article> live = current(id).map(ArticleVersion::article).filter(a -> a.isLive(VersionedArticlesIT.NOW));
        Optional<Article> held = heldBefore;
        String after = Keys.listSk(java.time.Instant.EPOCH, "0".repeat(26));
        ArticleStore.ChangePage page;
        do {
            page = store.changes(after, 100, VersionedArticlesIT.NOW.plusSeconds(1));
            for (Change change : page.changes()) {
                if (change instanceof Change.Upsert upsert && upsert.article().id().equals(id)) {
                    held = Optional.of(upsert.article());
                } else if (change instanceof Change.Delete delete && delete.id().equals(id)) {
                    held = Optional.empty();
                }
            }
            after = page.more() ? page.last() : after;
        } while (page.more());
        assertThat(held).as("%s: the feed's copy", as).isEqualTo(live);
    }

    /** After a write finished: the article's tag entries are exactly its current version's, none pending. */
    void assertClean(String id) {
        Set<EntryKey> expected = current(id).map(ArticleVersion::entryKeys).orElse(Set.of());
        List<Map<String, AttributeValue>> entries = tagEntries(id);
        assertThat(entries).extracting(EntryKey::of).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(entries).noneMatch(ArticleItems::isPending);
    }

    List<Map<String, AttributeValue>> tagEntries(String id) {
        List<Map<String, AttributeValue>> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = dynamo.scan(r -> r.tableName(table).exclusiveStartKey(from)
                    .filterExpression("begins_with(pk, :tag) AND id = :id")
                    .expressionAttributeValues(Map.of(":tag", AttributeValue.fromS("TAG#"), ":id", AttributeValue.fromS(id))));
            entries.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    static Article summary(Article article) {
        return new Article(article.id(), article.slug(), article.status(), article.title(), article.summary(), null, article.author(), article.source(),
                article.sourceUrl(), article.tags(), article.publishedAt(), article.createdAt(), article.updatedAt());
    }

    /** Whether a public list with {@code filter} shows the article: live, and matching. */
    static boolean matches(Article article, ListFilter filter) {
        return article.isLive(VersionedArticlesIT.NOW)
                && (filter.tag() == null || article.tags().contains(filter.tag()))
                && (filter.author() == null || filter.author().equals(article.author()));
    }

    /** No filter; each author; each tag; each tag with each author. */
    static Set<ListFilter> filters(Article... versions) {
        Set<String> tags = new LinkedHashSet<>();
        Set<String> authors = new HashSet<>();
        for (Article version : versions) {
            tags.addAll(version.tags());
            if (version.author() != null) {
                authors.add(version.author());
            }
        }
        Set<ListFilter> filters = new LinkedHashSet<>();
        filters.add(ListFilter.ALL);
        for (String author : authors) {
            filters.add(new ListFilter(null, author, null, null));
        }
        for (String tag : tags) {
            filters.add(new ListFilter(tag, null, null, null));
            for (String author : authors) {
                filters.add(new ListFilter(tag, author, null, null));
            }
        }
        return filters;
    }
}
