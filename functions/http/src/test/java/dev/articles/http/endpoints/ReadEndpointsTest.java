package dev.articles.http.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.articles.core.article.Article;
import dev.articles.core.article.ArticleNotFoundException;
import dev.articles.core.article.Status;
import dev.articles.core.paging.Cursors;
import dev.articles.core.routes.Editors;
import dev.articles.core.routes.GetArticleBySlug;
import dev.articles.core.routes.NotAllowedException;
import dev.articles.core.routes.PreviewArticle;
import dev.articles.core.routes.PreviewArticles;
import dev.articles.core.routes.UnauthenticatedException;
import dev.articles.core.routes.WriteAccess;
import dev.articles.core.store.ArticleStore;
import dev.articles.core.store.PreviewFilter;
import dev.articles.core.store.StoredArticle;
import dev.articles.http.ETags;
import dev.articles.http.HttpRequest;
import dev.articles.http.HttpResponse;
import dev.articles.http.Problem;
import dev.articles.http.ProblemException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The by-slug and preview endpoints over a store that holds one article: status, headers and body of each answer. */
class ReadEndpointsTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Article LIVE = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SA", "crowds-gather", Status.PUBLISHED, "Crowds gather",
            null, "Body", "Ann", null, null, List.of("politics"), NOW.minusSeconds(60), NOW.minusSeconds(120), NOW.minusSeconds(60));
    static final Article DRAFT = new Article("01JDQ8Z3V4K9T2X7M5N6P8R0SB", "a-draft", Status.DRAFT, "A draft",
            null, "Body", null, null, null, List.of(), null, NOW.minusSeconds(120), NOW.minusSeconds(60));
    static final Editors EDITORS = new Editors("articles/edit", "editors");

    final List<PreviewFilter> previewed = new ArrayList<>();

    /** The port with one stored article (created by "alice"), answering only what these routes call. */
    ArticleStore storeOf(Article article) {
        StoredArticle stored = new StoredArticle(article, 1, "alice");
        return (ArticleStore) Proxy.newProxyInstance(ArticleStore.class.getClassLoader(), new Class<?>[] {ArticleStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "bySlug" -> Optional.of(stored).filter(s -> s.article().slug().equals(args[0])
                            || args[0].equals("former-slug"));
                    case "read" -> Optional.of(stored).filter(s -> s.article().id().equals(args[0]));
                    case "preview" -> {
                        previewed.add((PreviewFilter) args[0]);
                        yield new ArticleStore.Page(List.of(article), null);
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static HttpRequest get(String routeKey, String path, Map<String, String> pathParameters, Map<String, String> headers,
                           String query, Map<String, String> claims) {
        return new HttpRequest("r", routeKey, "GET", path, query, headers, pathParameters, new byte[0], claims);
    }

    static HttpRequest bySlug(String slug, Map<String, String> headers) {
        return get("GET /articles/by-slug/{slug}", "/articles/by-slug/" + slug, Map.of("slug", slug), headers, "", Map.of());
    }

    static HttpRequest preview(String id, Map<String, String> claims) {
        return get("GET /preview/articles/{id}", "/preview/articles/" + id, Map.of("id", id), Map.of(), "", claims);
    }

    static JsonNode json(HttpResponse response) throws Exception {
        return new ObjectMapper().readTree(response.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anArticleHasItsSlugAndStatusAfterItsIdAndADraftsPublishedAtIsNull() throws Exception {
        JsonNode draft = new ObjectMapper().readTree(ArticleJson.article(DRAFT));
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = draft.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactly("id", "slug", "status", "title", "summary", "body", "author", "source", "sourceUrl",
                "tags", "publishedAt", "createdAt", "updatedAt");
        assertThat(draft.get("status").asText()).isEqualTo("draft");
        assertThat(draft.get("publishedAt").isNull()).isTrue();
        assertThat(new ObjectMapper().readTree(ArticleJson.article(LIVE)).get("status").asText()).isEqualTo("published");
    }

    @Test
    void theCurrentSlugAnswersAsAFetchDoes() throws Exception {
        var endpoint = new GetArticleBySlugEndpoint(new GetArticleBySlug(storeOf(LIVE), CLOCK));
        HttpResponse found = endpoint.handle(bySlug("crowds-gather", Map.of()));
        assertThat(found.status()).isEqualTo(200);
        assertThat(json(found).get("id").asText()).isEqualTo(LIVE.id());
        assertThat(found.headers()).containsEntry("Cache-Control", "public, max-age=60")
                .containsEntry("ETag", ETags.of(ArticleJson.article(LIVE)));
        HttpResponse notModified = endpoint.handle(bySlug("crowds-gather", Map.of("if-none-match", found.headers().get("ETag"))));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.headers()).containsEntry("ETag", found.headers().get("ETag"))
                .containsEntry("Cache-Control", "public, max-age=60");
    }

    @Test
    void aFormerSlugRedirectsToTheCurrentOneForAsLongAsAFetchIsCached() {
        HttpResponse moved = new GetArticleBySlugEndpoint(new GetArticleBySlug(storeOf(LIVE), CLOCK))
                .handle(bySlug("former-slug", Map.of()));
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.headers()).containsEntry("Location", "/articles/by-slug/crowds-gather")
                .containsEntry("Cache-Control", "public, max-age=60");
    }

    @Test
    void aDraftsSlugIsNotFound() {
        var endpoint = new GetArticleBySlugEndpoint(new GetArticleBySlug(storeOf(DRAFT), CLOCK));
        assertThatThrownBy(() -> endpoint.handle(bySlug("a-draft", Map.of()))).isInstanceOf(ArticleNotFoundException.class);
    }

    @Test
    void aPreviewIsTheFetchsAnswerThatNoCacheKeeps() throws Exception {
        var endpoint = new PreviewArticleEndpoint(new PreviewArticle(storeOf(DRAFT), WriteAccess.AUTHENTICATED, EDITORS));
        HttpResponse preview = endpoint.handle(preview(DRAFT.id(), Map.of("sub", "alice")));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(json(preview).get("status").asText()).isEqualTo("draft");
        assertThat(preview.headers()).containsEntry("Cache-Control", "private, no-store")
                .containsEntry("ETag", ETags.of(ArticleJson.article(DRAFT)));
    }

    @Test
    void aPreviewNeedsATokenOfTheCreatorOrAnEditor() {
        var endpoint = new PreviewArticleEndpoint(new PreviewArticle(storeOf(DRAFT), WriteAccess.AUTHENTICATED, EDITORS));
        assertThatThrownBy(() -> endpoint.handle(preview(DRAFT.id(), Map.of()))).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> endpoint.handle(preview(DRAFT.id(), Map.of("sub", "bob")))).isInstanceOf(NotAllowedException.class);
        assertThat(endpoint.handle(preview(DRAFT.id(), Map.of("sub", "bob", "scope", "openid articles/edit"))).status()).isEqualTo(200);
        assertThat(endpoint.handle(preview(DRAFT.id(), Map.of("sub", "bob", "cognito:groups", "[editors]"))).status()).isEqualTo(200);
    }

    @Test
    void aPreviewListIsTheListsAnswerOverTheCallersArticles() throws Exception {
        var endpoint = new PreviewArticlesEndpoint(new PreviewArticles(storeOf(DRAFT),
                new Cursors("preview-test-key-0123456789".getBytes(StandardCharsets.UTF_8)), WriteAccess.AUTHENTICATED, EDITORS, CLOCK));
        HttpResponse page = endpoint.handle(get("GET /preview/articles", "/preview/articles", Map.of(), Map.of(), "status=draft&limit=5",
                Map.of("sub", "alice")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("Cache-Control", "private, no-store");
        assertThat(json(page).get("items").get(0).get("slug").asText()).isEqualTo("a-draft");
        assertThat(json(page).get("nextCursor").isNull()).isTrue();
        assertThat(previewed).singleElement().extracting(PreviewFilter::createdBy).isEqualTo("alice");

        assertThatThrownBy(() -> endpoint.handle(get("GET /preview/articles", "/preview/articles", Map.of(), Map.of(), "colour=red",
                Map.of("sub", "alice"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().type()).isEqualTo(Problem.Type.INVALID_PARAMETER);
                    assertThat(e.problem().errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("colour"));
                });
    }
}
