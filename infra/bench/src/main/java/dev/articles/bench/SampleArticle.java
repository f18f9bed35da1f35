package dev.articles.bench;

import dev.articles.core.article.Article;
import dev.articles.core.article.Status;
import dev.articles.dynamodb.ArticleItems;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The article events/get-article.json fetches (and get-article-by-slug.json, preview-article.json), stored with the
 * item of its slug so that each measured is a 200, not a 404.
 */
public final class SampleArticle {

    private SampleArticle() {}

    public static void store(DynamoDbClient dynamo, String table) {
        Article article = new Article(BenchFunction.SAMPLE_ID, BenchFunction.SAMPLE_SLUG, Status.PUBLISHED,
                "Crowds gather at the airbase as the opposition calls for change",
                "Opposition supporters marched towards the airbase on Tuesday.",
                "Full text. ".repeat(200), "Staff reporter", "Example News",
                "https://news.example.org/2019/04/30/airbase", List.of("venezuela", "politics"),
                Instant.parse("2019-04-30T14:05:00Z"), Instant.parse("2026-11-24T18:03:11.482Z"),
                Instant.parse("2026-11-24T18:03:11.482Z"));
        for (var item : SeedArticles.items(article)) {
            dynamo.putItem(r -> r.tableName(table).item(item));
        }
    }
}
