package dev.articles.bench;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.core.article.ArticleIds;
import dev.articles.dynamodb.ArticleItems;
import dev.articles.dynamodb.Keys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bench's articles: article {@code i} has the same content in every run (its id is a fresh ULID). Sizes are those of a real news item (a
 * 2 KB body, a 240-character summary). Every filter the bench lists matches a fixed share of all articles, so
 * each partition grows with the table and every page measured is full at every table size:
 * half are by {@link #AUTHOR}, all carry {@link #TAG}, and half were published inside {@link #SINCE}..{@link #UNTIL}.
 * {@link #notLive} articles match every filter too, but no public list may show them.
 */
public final class SeedArticles {

    public static final String AUTHOR = "Staff reporter";
    public static final String OTHER_AUTHOR = "Wire desk";
    public static final String TAG = "news";
    // All of one length, like the fixed-width numbers below: every article item and tag entry weighs the same.
    private static final String[] TOPICS = {"economy", "science", "culture", "weather", "finance"};
    /** Published times are spread evenly over these four years; the window is the middle two. */
    public static final Instant FIRST = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant SINCE = Instant.parse("2021-01-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2023-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.between(FIRST, Instant.parse("2024-01-01T00:00:00Z"));
    public static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    /** Where scheduled articles go live: far enough ahead that every run of the bench is before it. */
    private static final Instant SCHEDULED = Instant.parse("2100-01-01T00:00:00Z");
    /** Not-live article {@code i} is article {@code NOT_LIVE_FROM + i}, so ids never meet the live ones'. */
    private static final int NOT_LIVE_FROM = 10_000_000;
    static final String BODY = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(36);

    private final ArticleIds ids = new ArticleIds();

    /** Article {@code i}: created {@code i} ms after a fixed instant, so ids are unique and ordered by i. */
    public Article article(int i) {
        Random random = new Random(i);
        Instant created = CREATED.plusMillis(i);
        Instant published = FIRST.plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
        String topic = TOPICS[i % TOPICS.length];
        // Fixed width, so article 5 and article 99,999 weigh the same and a page costs the same at any size.
        String number = String.format(Locale.ROOT, "%07d", i);
        return new Article(ids.next(created), "article-" + number, Status.PUBLISHED,
                "Article " + number + ": what the " + topic + " desk learned this week, and why it matters",
                ("A summary of article " + number + " about " + topic + ", long enough to be a real one. ").repeat(3),
                BODY,
                i % 2 == 0 ? AUTHOR : OTHER_AUTHOR,
                "Example News",
                "https://news.example.org/" + topic + "/" + number,
                List.of(TAG, topic),
                published,
                created,
                created);
    }

    /**
     * Not-live article {@code i}, with the content of a live one: even ones are drafts (half of them without a
     * publishedAt, the others dated among the live ones), odd ones scheduled (published, going live in 2100).
     */
    public Article notLive(int i) {
        Article a = article(NOT_LIVE_FROM + i);
        boolean draft = i % 2 == 0;
        Instant published = draft ? (i % 4 == 0 ? null : a.publishedAt()) : SCHEDULED.plusSeconds(i);
        return new Article(a.id(), "not-live-" + a.slug(), draft ? Status.DRAFT : Status.PUBLISHED, a.title(), a.summary(),
                a.body(), a.author(), a.source(), a.sourceUrl(), a.tags(), published, a.createdAt(), a.updatedAt());
    }

    /**
     * The items a completed create leaves: the article item (a published one with its feed entry), its tag entries no longer pending (a published
     * article's only: a draft is in no public list), and the item of its slug.
     */
    public static List<Map<String, AttributeValue>> items(Article article) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> item = ArticleItems.article(article, null);
        if (article.status() == Status.PUBLISHED) {
            // Its feed entry (ByChange) at its change time: its create, or its go-live when scheduled after it.
            item.put(Keys.FEED_PK, AttributeValue.fromS(Keys.FEED));
            item.put(Keys.CHANGE_SK, AttributeValue.fromS(Keys.listSk(changedAt(article), article.id())));
        }
        items.add(item);
        if (article.status() == Status.PUBLISHED) { // as the store: a draft has no tag entries
            for (String tag : article.tags()) {
                Map<String, AttributeValue> entry = ArticleItems.tagEntry(article, tag);
                entry.remove(ArticleItems.PENDING);
                items.add(entry);
            }
        }
        items.add(slugItem(article));
        return items;
    }

    /** Where a published seeded article stands in the changes feed: created {@code i} ms apart, so all distinct. */
    public static Instant changedAt(Article article) {
        return article.publishedAt().isAfter(article.createdAt()) ? article.publishedAt() : article.createdAt();
    }

    /**
     * The slug item a committed create leaves (the store's SlugItems writes it so): it leads to the article, and no
     * write holds it any more.
     */
    private static Map<String, AttributeValue> slugItem(Article article) {
        return Map.of(Keys.PK, AttributeValue.fromS(Keys.slug(article.slug())), Keys.SK, AttributeValue.fromS(Keys.SLUG_SK),
                "articleId", AttributeValue.fromS(article.id()), "claimId", AttributeValue.fromS("seed-" + article.id()),
                "claimedUntil", AttributeValue.fromN(Long.toString(article.createdAt().toEpochMilli())));
    }
}
