package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.template.ResolvedJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the shade plugin put in each function jar: every provider a {@code META-INF/services} file names is a class
 * the jar holds (minimizeJar keeps a services file whose classes it dropped), and the fallback carries no SDK.
 */
class FunctionJarsIT {

    @ParameterizedTest
    @ValueSource(strings = {"create-article", "get-article", "list-articles", "preview-articles", "get-changes",
            "search-articles", "index-articles", "route-fallback"})
    void everyServiceEntryNamesAClassInTheJar(String function) throws IOException {
        try (JarFile jar = new JarFile(ResolvedJars.of(function).toFile())) {
            Set<String> names = jar.stream().map(JarEntry::getName).collect(Collectors.toSet());
            List<String> dangling = new ArrayList<>();
            for (String services : names.stream().filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")).toList()) {
                String text = new String(jar.getInputStream(jar.getJarEntry(services)).readAllBytes(), StandardCharsets.UTF_8);
                text.lines().map(line -> line.replaceFirst("#.*", "").strip()).filter(line -> !line.isEmpty())
                        .filter(provider -> !names.contains(provider.replace('.', '/') + ".class"))
                        .forEach(provider -> dangling.add(services + " -> " + provider));
            }
            assertThat(dangling).as("service entries naming classes %s.jar does not hold", function).isEmpty();
        }
    }

    /** The Secrets Manager client reads the cursor keys at init: only the functions that sign cursors carry it. */
    @ParameterizedTest
    @ValueSource(strings = {"create-article", "get-article", "edit-article", "delete-article", "list-articles",
            "get-article-by-slug", "preview-article", "preview-articles", "get-changes", "search-articles", "index-articles"})
    void onlyTheFunctionsThatSignCursorsHoldTheSecretsManagerClient(String function) throws IOException {
        try (JarFile jar = new JarFile(ResolvedJars.of(function).toFile())) {
            boolean secrets = jar.stream().anyMatch(e -> e.getName().startsWith("software/amazon/awssdk/services/secretsmanager/"));
            assertThat(secrets).as("%s.jar holds the Secrets Manager client", function)
                    .isEqualTo(Set.of("list-articles", "preview-articles", "get-changes", "search-articles").contains(function));
        }
    }

    @Test
    void theFallbackHoldsNoAwsSdkClass() throws IOException {
        Path fallback = ResolvedJars.of("route-fallback");
        try (JarFile jar = new JarFile(fallback.toFile())) {
            assertThat(jar.stream().map(JarEntry::getName).filter(n -> n.startsWith("software/amazon/awssdk/")))
                    .as("route-fallback.jar runs the HTTP adapter alone").isEmpty();
        }
    }
}
