package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ProjectRoot;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API Gateway HTTP API route selection, on routes the tests' template does not have, and on the project's. */
class RouterTest {

    private static RouteSpec route(String method, String path) {
        return new RouteSpec("E", method, path, method + " " + path, "Api", Optional.empty(), Optional.empty());
    }

    private final Router router = new Router(List.of(
            route("GET", "/pets/{id}"),
            route("GET", "/pets/dog"),
            route("ANY", "/pets/{id}"),
            route("GET", "/pets/{proxy+}"),
            route("ANY", "$default")));

    private String selected(String method, String path) {
        return router.route(method, path).orElseThrow().route().functionLogicalId();
    }

    @Test
    void aLiteralSegmentBeatsAVariableAndAVariableBeatsAGreedyOne() {
        assertThat(selected("GET", "/pets/dog")).isEqualTo("GET /pets/dog");
        assertThat(selected("GET", "/pets/cat")).isEqualTo("GET /pets/{id}");
        assertThat(selected("GET", "/pets/cat/toys")).isEqualTo("GET /pets/{proxy+}");
    }

    @Test
    void anExactMethodBeatsAnyOnTheSamePath() {
        assertThat(selected("PUT", "/pets/cat")).isEqualTo("ANY /pets/{id}");
        assertThat(selected("PUT", "/pets/dog")).isEqualTo("ANY /pets/{id}");
    }

    @Test
    void whatNothingMatchesGoesToTheDefaultRoute() {
        assertThat(selected("GET", "/pets")).isEqualTo("ANY $default");
        assertThat(selected("GET", "/pets/")).isEqualTo("ANY $default");
        assertThat(router.route("GET", "/pets/a%2Fb").orElseThrow().pathParameters()).isEqualTo(Map.of("id", "a/b"));
        assertThat(new Router(List.of(route("GET", "/x"))).route("GET", "/y")).isEmpty();
    }

    @Test
    void theProjectsBySlugAndPreviewRoutesAreNotTakenForAnArticleId() {
        Router project = new Router(SamTemplate.load(ProjectRoot.template()).routes());
        Router.Match bySlug = project.route("GET", "/articles/by-slug/crowds-gather").orElseThrow();
        assertThat(bySlug.route().functionLogicalId()).isEqualTo("GetArticleBySlugFunction");
        assertThat(bySlug.pathParameters()).isEqualTo(Map.of("slug", "crowds-gather"));
        // As API Gateway: one segment after /articles is an id, whatever it spells.
        assertThat(project.route("GET", "/articles/by-slug").orElseThrow().route().functionLogicalId())
                .isEqualTo("GetArticleFunction");
        assertThat(project.route("GET", "/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA").orElseThrow().route().functionLogicalId())
                .isEqualTo("GetArticleFunction");
        assertThat(project.route("GET", "/preview/articles").orElseThrow().route().functionLogicalId())
                .isEqualTo("PreviewArticlesFunction");
        Router.Match preview = project.route("GET", "/preview/articles/01JDQ8Z3V4K9T2X7M5N6P8R0SA").orElseThrow();
        assertThat(preview.route().functionLogicalId()).isEqualTo("PreviewArticleFunction");
        assertThat(preview.pathParameters()).isEqualTo(Map.of("id", "01JDQ8Z3V4K9T2X7M5N6P8R0SA"));
        assertThat(project.route("PATCH", "/articles/by-slug/crowds-gather").orElseThrow().route().isDefault()).isTrue();
        assertThat(project.route("GET", "/preview/articles/a/b").orElseThrow().route().isDefault()).isTrue();
    }

    /** As API Gateway: a literal segment wins over a parameter, so the feed is never taken for an article id. */
    @Test
    void theProjectsChangesRouteIsNotTakenForAnArticleId() {
        Router project = new Router(SamTemplate.load(ProjectRoot.template()).routes());
        Router.Match changes = project.route("GET", "/articles/changes").orElseThrow();
        assertThat(changes.route().functionLogicalId()).isEqualTo("GetChangesFunction");
        assertThat(changes.pathParameters()).isEmpty();
        assertThat(project.route("GET", "/articles/changed").orElseThrow().route().functionLogicalId()).isEqualTo("GetArticleFunction");
        assertThat(project.route("PATCH", "/articles/changes").orElseThrow().route().functionLogicalId()).isEqualTo("EditArticleFunction");
    }

    /** The same for search: GET /articles/search is the search route, never the article with id "search". */
    @Test
    void theProjectsSearchRouteIsNotTakenForAnArticleId() {
        Router project = new Router(SamTemplate.load(ProjectRoot.template()).routes());
        Router.Match search = project.route("GET", "/articles/search").orElseThrow();
        assertThat(search.route().functionLogicalId()).isEqualTo("SearchArticlesFunction");
        assertThat(search.pathParameters()).isEmpty();
        assertThat(project.route("DELETE", "/articles/search").orElseThrow().route().functionLogicalId()).isEqualTo("DeleteArticleFunction");
    }
}
