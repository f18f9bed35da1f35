package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class DemoArticlesTest {

    private final List<DemoArticles.Article> articles = DemoArticles.articles();

    @Test
    void theSameArticlesEveryRunEachOnceAndTaggedSeed() {
        assertThat(articles).hasSize(DemoArticles.GENERATED + 1).isEqualTo(DemoArticles.articles());
        assertThat(articles).extracting(DemoArticles.Article::title).doesNotHaveDuplicates();
        assertThat(articles).extracting(DemoArticles.Article::index).doesNotHaveDuplicates();
        assertThat(articles).allSatisfy(a -> assertThat((List<Object>) a.json().get("tags")).contains(DemoArticles.TAG));
        assertThat(articles.getFirst().json().get("body")).isEqualTo(DemoArticles.sampleBody());
    }

    @Test
    void withinTheContractsLimitsAndVaried() {
        for (DemoArticles.Article article : articles) {
            Map<String, Object> json = article.json();
            assertThat(article.title().length()).isBetween(1, 300);
            assertThat(((String) json.get("body")).length()).isBetween(1, 100_000);
            assertThat((List<Object>) json.get("tags")).hasSizeLessThanOrEqualTo(10);
            OffsetDateTime.parse((String) json.get("publishedAt"));
        }
        assertThat(articles.stream().map(a -> a.json().get("author")).distinct().count()).as("authors, each of several").isBetween(6L, 10L);
        assertThat(articles.stream().map(a -> ((String) a.json().get("body")).length()).distinct().count()).isGreaterThan(20);
    }
}
