package dev.articles.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.routes.ChangesExpiredException;
import dev.articles.core.search.SearchDisabledException;
import dev.articles.core.store.SlugTakenException;
import org.junit.jupiter.api.Test;

class DomainProblemsTest {

    static HttpResponse answer(RuntimeException failure) {
        ProblemException problem = DomainProblems.of(failure);
        return ProblemJson.response(problem.problem(), problem.headers());
    }

    @Test
    void aSlugAnotherArticleHoldsIsAConflictNamingTheSlug() {
        HttpResponse response = answer(new SlugTakenException("crowds-gather"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).contains("\"type\":\"urn:articles:problem:slug-taken\"")
                .contains("\"errors\":[{\"field\":\"slug\",\"message\":\"belongs to another article\"}]")
                .contains("crowds-gather");
    }

    /** A scheduled article's 404 turns into a 200 at its publishedAt: no cache may keep the 404 till then. */
    @Test
    void aNotFoundIsNeverCached() {
        HttpResponse response = answer(ArticleNotFoundException.withSlug("soon"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    }

    @Test
    void aChangesCursorOlderThanTheDeletionsRememberedIsGoneAndSaysToStartAgain() {
        HttpResponse response = answer(new ChangesExpiredException());
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.body()).contains("\"type\":\"urn:articles:problem:changes-cursor-expired\"")
                .contains("without a cursor");
    }

    @Test
    void searchWhereTheDeploymentHasItOffIsNotImplementedAndSaysHowToTurnItOn() {
        HttpResponse response = answer(new SearchDisabledException());
        assertThat(response.status()).isEqualTo(501);
        assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.body()).contains("\"type\":\"urn:articles:problem:search-disabled\"")
                .contains("Search=enabled").contains("infra/serve --parameter Search=enabled");
    }
}
