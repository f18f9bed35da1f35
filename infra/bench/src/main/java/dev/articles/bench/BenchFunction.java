package dev.articles.bench;

import dev.articles.template.FunctionSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function of template.yaml as the bench drives it: its artifact (CodeUri) and the sample event of its route.
 *
 * @param jvmOptions JAVA_TOOL_OPTIONS as the template sets it, empty when it sets none
 */
public record BenchFunction(String name, FunctionSpec spec, Path artifact, Path event, String jvmOptions) {

    /** The sample event (events/) each function is measured with. */
    static final List<List<String>> EVENTS = List.of(
            List.of("CreateArticleFunction", "create-article.json"),
            List.of("GetArticleFunction", "get-article.json"),
            List.of("GetArticleBySlugFunction", "get-article-by-slug.json"),
            List.of("ListArticlesFunction", "list-articles.json"),
            List.of("PreviewArticleFunction", "preview-article.json"),
            List.of("PreviewArticlesFunction", "preview-articles.json"),
            List.of("GetChangesFunction", "get-changes.json"),
            // The samples name a placeholder ETag: a direct start answers them 412, after reading the article.
            List.of("EditArticleFunction", "edit-article-stale.json"),
            List.of("DeleteArticleFunction", "delete-article.json"),
            List.of("RouteFallbackFunction", "route-not-found.json"));

    /** The article events/get-article.json asks for; the bench stores it before fetching. */
    public static final String SAMPLE_ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SA";
    /** Its slug, the one events/get-article-by-slug.json asks for. */
    public static final String SAMPLE_SLUG = "crowds-gather-at-the-airbase";
    /** An article id no one stores: a delete of it reads and answers 404. */
    static final String UNKNOWN_ID = "01JDQ8Z3V4K9T2X7M5N6P8R0SB";

    /**
     * Where the local runtime keeps the AOT caches its function JVMs record: beside the jar (infra/local's
     * {@code AotCache.FOLDER}; the bench runs that jar as a process, so it names the folder rather than link it).
     */
    static final String AOT_CACHE_FOLDER = "aot-cache";

    /** Makes the next cold start of this function through serve the first of its build. */
    void removeAotCache() {
        Path folder = artifact.resolveSibling(AOT_CACHE_FOLDER);
        try (Stream<Path> files = Files.exists(folder) ? Files.list(folder) : Stream.empty()) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + folder, e);
        }
    }

    public static List<BenchFunction> all(Path projectRoot, List<FunctionSpec> specs) {
        return EVENTS.stream().map(e -> {
            FunctionSpec spec = specs.stream().filter(s -> s.logicalId().equals(e.get(0))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("template.yaml has no " + e.get(0)));
            // The shaded jar its module builds: what sam build packages, and what the local runtime runs.
            Path artifact = projectRoot.resolve(spec.jar());
            Object options = spec.environment().get("JAVA_TOOL_OPTIONS");
            return new BenchFunction(artifact.getFileName().toString().replaceFirst("\\.jar$", ""), spec, artifact,
                    projectRoot.resolve("events").resolve(e.get(1)),
                    options instanceof String s ? s : "");
        }).toList();
    }
}
