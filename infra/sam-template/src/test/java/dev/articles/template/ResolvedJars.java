package dev.articles.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * The jars an integration test runs, as Maven resolved them from its module's declared dependencies: the
 * module's failsafe gets each one's file from maven-dependency-plugin's {@code properties} goal and passes it as
 * the system property {@code jar.<artifactId>}. So Maven builds those jars before the test, and the test runs
 * exactly them, not whatever an earlier build left in another module's target/.
 */
public final class ResolvedJars {

    private static final String PREFIX = "jar.";

    private ResolvedJars() {
    }

    /** The jar Maven resolved for the artifact; fails when the test runs outside Maven or before it was built. */
    public static Path of(String artifactId) {
        String file = System.getProperty(PREFIX + artifactId);
        assertThat(file).as("-D%s%s: run this test through Maven (infra/mvnw verify -pl <its module> -am), which "
                + "builds %s and hands it over", PREFIX, artifactId, artifactId).isNotBlank();
        Path jar = Path.of(file).toAbsolutePath().normalize();
        assertThat(jar).as("%s as Maven resolved it: a packaged jar (run verify, not test)", artifactId).isRegularFile();
        return jar;
    }

    /** Asserts that the jar each function's module builds is the one Maven resolved for the artifact of that name. */
    public static void requireTemplateJars(Path projectRoot) {
        for (FunctionSpec function : SamTemplate.load(projectRoot.resolve(ProjectRoot.TEMPLATE)).functions()) {
            Path jar = projectRoot.resolve(function.jar()).toAbsolutePath().normalize();
            String artifactId = jar.getFileName().toString().replaceFirst("\\.jar$", "");
            assertThat(jar).as("%s's jar", function.logicalId()).isEqualTo(of(artifactId));
        }
    }
}
