package dev.articles.apitests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The layers point one way, from the outside in: the HTTP adapter -> routes (the use cases) -> the domain and
 * its ports; the DynamoDB store and the OpenSearch index implement the ports and know nothing of HTTP or the use
 * cases. Only the handlers (one per function module, which this module cannot see) wire the store or the index, and
 * the cursor keys of the functions that sign cursors, to the adapter. See docs/architecture.md.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.articles.core", "dev.articles.http", "dev.articles.dynamodb", "dev.articles.cursorkeys",
                    "dev.articles.opensearch");

    @Test
    void layersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("HTTP adapter").definedBy("dev.articles.http..")
                .layer("Routes").definedBy("dev.articles.core.routes..")
                .layer("Ports").definedBy("dev.articles.core.store..", "dev.articles.core.idempotency..", "dev.articles.core.paging..",
                        "dev.articles.core.search..")
                .layer("Domain").definedBy("dev.articles.core", "dev.articles.core.article..")
                .layer("DynamoDB store").definedBy("dev.articles.dynamodb..")
                .layer("Cursor keys").definedBy("dev.articles.cursorkeys..")
                .layer("Search engine").definedBy("dev.articles.opensearch..")
                .whereLayer("HTTP adapter").mayNotBeAccessedByAnyLayer()
                .whereLayer("Search engine").mayNotBeAccessedByAnyLayer()
                .whereLayer("Cursor keys").mayNotBeAccessedByAnyLayer()
                // The search engine's adapter takes the region and credentials the DynamoDB client uses.
                .whereLayer("DynamoDB store").mayOnlyBeAccessedByLayers("Cursor keys", "Search engine")
                .whereLayer("Routes").mayOnlyBeAccessedByLayers("HTTP adapter")
                .whereLayer("Ports").mayOnlyBeAccessedByLayers("Routes", "HTTP adapter", "DynamoDB store", "Cursor keys",
                        "Search engine")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ports", "Routes", "HTTP adapter", "DynamoDB store", "Cursor keys",
                        "Search engine")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.articles.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void theCoreIsPlainJava() {
        noClasses().that().resideInAPackage("dev.articles.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "com.fasterxml..", "org.crac..")
                .because("the domain, its ports and the use cases know neither AWS, HTTP events nor JSON")
                .check(CLASSES);
    }

    @Test
    void theCoreReadsTimeOnlyFromAnInjectedClock() {
        noClasses().that().resideInAPackage("dev.articles.core..")
                .should().callMethod(Instant.class, "now").orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone").orShould().callMethod(System.class, "currentTimeMillis")
                .because("the use cases take a Clock (the handlers pass Clock.systemUTC()), so tests set the time")
                .check(CLASSES);
    }

    @Test
    void theHttpAdapterHasNoSdk() {
        noClasses().that().resideInAPackage("dev.articles.http..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .because("the fallback function runs the adapter alone, and its jar must not carry the AWS SDK")
                .check(CLASSES);
    }
}
