package dev.articles.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.articles.core.Environment;
import dev.articles.core.search.SearchIndexingException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The requests the indexer's side sends, against an in-process server answering as the engine does. */
class OpenSearchDocumentsTest {

    @RegisterExtension
    final EngineStandIn engine = new EngineStandIn().byDefault(200, "{\"acknowledged\":true}");

    private OpenSearchDocuments documents;

    @BeforeEach
    void start() {
        documents = new OpenSearchDocuments(engine.client(), OpenSearchClient.index(new Environment(Map.of())));
    }

    /** The requests so far, each as "METHOD target body". */
    private List<String> seen() {
        return engine.requests().stream().map(EngineStandIn.Request::line).toList();
    }

    @Test
    void aNewIndexIsCreatedWithTheMappingOnceAndNamedAfterTheAliasAndItsTime() {
        String index = documents.newIndex(Instant.parse("2026-12-03T17:04:01.123Z"));
        assertThat(index).isEqualTo("articles-20261203-170401-123");
        assertThat(documents.create(index)).isTrue();
        assertThat(seen().getFirst()).startsWith("PUT /" + index + " {").contains("\"english\"", "\"gc_deletes\"");
        engine.answer("PUT /" + index, 400,
                "{\"error\":{\"type\":\"resource_already_exists_exception\",\"reason\":\"index [" + index + "] already exists\"},\"status\":400}");
        assertThat(documents.create(index)).isFalse();
        engine.answer("PUT /" + index, 400, "{\"error\":{\"type\":\"mapper_parsing_exception\"},\"status\":400}");
        assertThatThrownBy(() -> documents.create(index)).isInstanceOf(SearchIndexingException.class);
    }

    @Test
    void publishingMovesTheAliasAndDropsWhatItPointedAtInOneRequest() {
        engine.answer("GET /articles/_alias", 200, "{\"articles-old\":{\"aliases\":{\"articles\":{}}}}");
        documents.publish("articles-new");
        assertThat(seen()).last().isEqualTo("POST /_aliases {\"actions\":[{\"add\":{\"index\":\"articles-new\",\"alias\":\"articles\"}},"
                + "{\"remove_index\":{\"index\":\"articles-old\"}}]}");

        engine.requests().clear();
        engine.answer("GET /articles/_alias", 404, "{\"error\":\"alias [articles] missing\",\"status\":404}");
        documents.publish("articles-new");
        assertThat(seen()).last().isEqualTo("POST /_aliases {\"actions\":[{\"add\":{\"index\":\"articles-new\",\"alias\":\"articles\"}}]}");

        engine.requests().clear();
        engine.answer("GET /articles/_alias", 200, "{\"articles-new\":{\"aliases\":{\"articles\":{}}}}");
        documents.publish("articles-new");
        assertThat(seen()).as("already there: nothing to do").hasSize(1);
    }

    @Test
    void writesGoThroughTheAliasWhichMustBeOneOrIntoTheIndexBeingBuilt() {
        engine.answer("POST /articles/_bulk", 200, "{\"errors\":false,\"items\":[]}");
        engine.answer("POST /articles-new/_bulk", 200, "{\"errors\":false,\"items\":[]}");
        documents.apply(BulkTest.PAGE);
        documents.applyTo("articles-new", BulkTest.PAGE);
        documents.apply(List.of());
        assertThat(seen()).hasSize(2);
        assertThat(seen().get(0)).startsWith("POST /articles/_bulk?require_alias=true {\"index\":");
        assertThat(seen().get(1)).startsWith("POST /articles-new/_bulk {\"index\":");
    }

    @Test
    void theAliasExistsUnlessTheEngineSaysNotFound() {
        assertThat(documents.exists()).isTrue();
        engine.answer("HEAD /articles", 404, "");
        assertThat(documents.exists()).isFalse();
        assertThat(seen()).containsExactly("HEAD /articles ", "HEAD /articles ");
    }

    @Test
    void droppingAnIndexThatIsGoneIsDone() {
        engine.answer("DELETE /articles-gone", 404, "{\"error\":{\"type\":\"index_not_found_exception\"},\"status\":404}");
        documents.drop("articles-gone");
        assertThat(seen()).containsExactly("DELETE /articles-gone ");
    }
}
