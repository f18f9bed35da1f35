package dev.articles.dynamodb;

import dev.articles.core.RequestDeadline;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.ArticleIds;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.TestDatabase;
import java.time.Instant;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What create, edit and delete cost in capacity units, measured (see {@link CapacityMeter}) for a typical news
 * article: a 4 KB body, a 200-character summary, an author. The numbers go into docs/data-model.md; the test
 * holds the number of requests each write makes to the formulas written there.
 */
class WriteUnitsIT {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00.000Z");
    static final ArticleIds IDS = new ArticleIds();

    static String table;
    static CapacityMeter meter;
    static DynamoDbClient metered;
    static VersionedArticles versions;
    static final List<String> ROWS = new ArrayList<>();

    @BeforeAll
    static void start() {
        TestDatabase db = TestDatabase.shared();
        table = db.newTable();
        meter = new CapacityMeter(db.client(), table, db.tableSpec());
        metered = DynamoDbClient.builder().endpointOverride(db.endpoint()).region(LocalDynamoDb.REGION)
                .credentialsProvider(() -> AwsBasicCredentials.create(LocalDynamoDb.ACCESS_KEY_ID, LocalDynamoDb.SECRET_ACCESS_KEY))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(meter))
                .build();
        versions = new VersionedArticles(metered, table, new Dynamo(new RequestDeadline()), new RecordedCleanUps(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void report() {
        metered.close();
        System.out.println("| operation | requests | read units | table write units | index write units | write units |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        ROWS.forEach(System.out::println);
    }

    static Article article(List<String> tags) {
        String id = IDS.next(NOW);
        return new Article(id, id.toLowerCase(Locale.ROOT), Status.PUBLISHED, "Venezuelan coup attempt underway to throw out Maduro", "s".repeat(200),
                "b".repeat(4_000), "Staff reporter", "AMN", "https://news.example.org/a", tags,
                Instant.parse("2019-04-30T00:00:00Z"), NOW, NOW);
    }

    static List<String> tags(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    static Article with(Article a, String title, String body, List<String> tags) {
        return new Article(a.id(), a.slug(), a.status(), title, a.summary(), body, a.author(), a.source(), a.sourceUrl(), tags, a.publishedAt(), a.createdAt(), a.updatedAt());
    }

    /** Measures {@code write} and records a row; returns the requests it made. */
    static int measure(String operation, Runnable write) {
        meter.reset();
        write.run();
        ROWS.add("| %s | %d | %s | %s | %s | %s |".formatted(operation, meter.requests, units(meter.reads),
                units(meter.tableWrites), units(meter.indexWrites), units(meter.tableWrites + meter.indexWrites)));
        return meter.requests;
    }

    static String units(double units) {
        return units == Math.rint(units) ? Long.toString((long) units) : Double.toString(units);
    }

    ArticleVersion created(List<String> tags) {
        Article article = article(tags);
        versions.create(article, "sub", false, NOW);
        return versions.read(article.id()).orElseThrow();
    }

    @Test
    void create() {
        for (int t : new int[] {0, 3, 10}) {
            // t tag entries and the slug claim, the article item, t pending marks cleared
            assertThat(measure("create, " + t + " tags", () -> versions.create(article(tags("t", t)), "sub", false, NOW))).isEqualTo(2 * t + 2);
        }
    }

    @Test
    void edits() {
        editOf("edit, body only (0 tag changes), 3 tags", tags("t", 3), a -> with(a, a.title(), "c".repeat(4_000), a.tags()), 2 * 3 + 1);
        // By number of tags: each tag entry is rewritten and then confirmed.
        for (int t : new int[] {0, 1, 3, 5, 10}) {
            editOf("edit, title only (0 tag changes), " + t + " tags", tags("t", t),
                    a -> with(a, "Coup attempt fails", a.body(), a.tags()), 2 * t + 1);
        }
        editOf("edit, 1 tag added (1 change), 3 -> 4 tags", tags("t", 3), a -> with(a, a.title(), a.body(), tags("t", 4)), 2 * 4 + 1);
        editOf("edit, 1 tag removed (1 change), 4 -> 3 tags", tags("t", 4), a -> with(a, a.title(), a.body(), tags("t", 3)), 2 * 3 + 1 + 2);
        // 10 removed, 10 added: 10 marks + 10 puts, the commit, 10 deletes + 10 clears
        editOf("edit, 10 tags replaced (10 changes), 10 -> 10 tags", tags("t", 10), a -> with(a, a.title(), a.body(), tags("u", 10)), 4 * 10 + 1);
        editOf("edit that changes nothing", tags("t", 3), a -> a, 0);
        // The new slug claimed beside the entries.
        editOf("edit, slug changed, 3 tags", tags("t", 3), a -> a.withSlug("coup-attempt-fails"), 2 * 3 + 2);
        // Unpublished: 3 marks, the commit, 3 deletes; a draft has no entries.
        editOf("edit, unpublished (to draft), 3 tags", tags("t", 3), a -> withStatus(a, Status.DRAFT), 2 * 3 + 1);
        ArticleVersion published = created(tags("t", 3));
        ArticleVersion draft = versions.edit(published, withStatus(published.article(), Status.DRAFT), NOW);
        assertThat(measure("edit, published (a draft), 3 tags",
                () -> versions.edit(draft, withStatus(draft.article(), Status.PUBLISHED), NOW.plusSeconds(1)))).isEqualTo(2 * 3 + 1);
    }

    static Article withStatus(Article a, Status status) {
        return new Article(a.id(), a.slug(), status, a.title(), a.summary(), a.body(), a.author(), a.source(), a.sourceUrl(),
                a.tags(), a.publishedAt(), a.createdAt(), a.updatedAt());
    }

    void editOf(String operation, List<String> tags, UnaryOperator<Article> change, int requests) {
        ArticleVersion current = created(tags);
        assertThat(measure(operation, () -> versions.edit(current, change.apply(current.article()), NOW.plusSeconds(1))))
                .as(operation).isEqualTo(requests);
    }

    @Test
    void delete() {
        for (int t : new int[] {0, 3, 10}) {
            ArticleVersion current = created(tags("t", t));
            // t marks, the tombstone, t deletes and the slug item
            assertThat(measure("delete, " + t + " tags", () -> versions.delete(current, NOW))).isEqualTo(2 * t + 2);
        }
    }

    @Test
    void fetch() {
        ArticleVersion current = created(tags("t", 3));
        measure("fetch (consistent GetItem)", () -> versions.read(current.article().id()));
    }
}
