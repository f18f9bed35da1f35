package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.articles.template.ProjectRoot;
import dev.articles.template.ResolvedJars;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /docs} of {@code serve --auth} in headless Chromium: Swagger UI loads (from this jar, no network),
 * lists every route of the template, and "Try it out" on the create, authorized with the token serve printed,
 * gets 201 from this serve. Leaves a screenshot in target/docs-reference.png.
 */
class DocsIT {

    private static final Path ROOT = ProjectRoot.find();
    static final Path SCREENSHOT = Path.of("target", "docs-reference.png");

    @Test
    void theReferenceListsEveryRouteAndTriesACreate(@TempDir Path scratch) throws Exception {
        Optional<Path> chromium = HeadlessChromium.executable();
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(chromium.isPresent(), "no chromium on the PATH (Debian: apt-get install chromium); CI=true requires it");
        }
        assertThat(chromium).as("chromium on the PATH (.ci/run installs it)").isPresent();
        ResolvedJars.requireTemplateJars(ROOT);
        try (ServeProcess serve = ServeProcess.start(ROOT, "--in-memory", "--auth");
             HeadlessChromium browser = HeadlessChromium.start(chromium.get(), Files.createDirectory(scratch.resolve("profile")))) {
            URI api = serve.baseUrl();
            String token = serve.lines().stream().map(String::strip).filter(l -> l.startsWith("export TOKEN="))
                    .map(l -> l.substring("export TOKEN=".length())).findFirst().orElseThrow();

            browser.navigate(URI.create(api + ApiReference.PATH));
            browser.await("document.querySelectorAll('.opblock').length > 0", Duration.ofSeconds(30));
            List<String> expected = SamTemplate.load(ProjectRoot.template()).routes().stream().filter(r -> !r.isDefault())
                    .map(RouteSpec::routeKey).toList();
            assertThat(((List<?>) browser.evaluate("""
                    [...document.querySelectorAll('.opblock')].map(b => b.querySelector('.opblock-summary-method').textContent
                        + ' ' + b.querySelector('.opblock-summary-path').getAttribute('data-path'))""")).stream().map(String::valueOf))
                    .as("operations listed")
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(browser.evaluate("document.querySelector('.servers select').value")).as("Try it out's server")
                    .isEqualTo(api.toString());
            assertThat(browser.evaluate("document.querySelector('.btn.authorize') !== null")).as("an Authorize button").isEqualTo(true);

            // Authorize with the printed token (what pasting it into the Authorize dialog does), then try a create.
            browser.evaluate("ui.preauthorizeApiKey('bearerAuth', '" + token + "'), true");
            String create = "[...document.querySelectorAll('.opblock-post')].find(b => b.querySelector('.opblock-summary-path')"
                    + ".getAttribute('data-path') === '/articles')";
            browser.evaluate(create + ".querySelector('.opblock-summary-control').click(), true");
            browser.await(create + ".querySelector('.try-out__btn') !== null", Duration.ofSeconds(10));
            browser.evaluate(create + ".querySelector('.try-out__btn').click(), true");
            browser.await(create + ".querySelector('textarea.body-param__text') !== null", Duration.ofSeconds(10));
            // A React-controlled textarea: set the value through the native setter, then tell React.
            browser.evaluate("(() => { const t = " + create + ".querySelector('textarea.body-param__text');"
                    + " Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(t,"
                    + " JSON.stringify({title: 'Tried from /docs', body: 'Created with Try it out.', tags: ['docs']}));"
                    + " t.dispatchEvent(new Event('input', {bubbles: true})); return true; })()");
            browser.evaluate(create + ".querySelector('button.execute').click(), true");
            String liveStatus = create + ".querySelector('.live-responses-table tbody .response-col_status')";
            browser.await(liveStatus + " !== null", Duration.ofSeconds(60));
            String status = (String) browser.evaluate(liveStatus + ".textContent");
            browser.evaluate(create + ".querySelector('.live-responses-table').scrollIntoView({block: 'center'}), true");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, browser.screenshot());
            assertThat(status.strip()).as("Try it out's create; screenshot " + SCREENSHOT.toAbsolutePath()).isEqualTo("201");

            List<?> items = (List<?>) Http.json(Http.get(api, "/articles?tag=docs")).get("items");
            assertThat(items).singleElement().satisfies(a -> assertThat(((Map<?, ?>) a).get("author"))
                    .as("credited to the token's name").isEqualTo(Main.DEV_NAME));
        }
    }
}
