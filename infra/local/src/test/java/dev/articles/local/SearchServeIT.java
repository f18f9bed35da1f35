package dev.articles.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.jwt.DevIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --parameter Search=enabled}: the OpenSearch node starts with serve, its URL reaches the functions that
 * declare SEARCH_ENDPOINT, a write through the gateway runs the indexer (here the test function), and nothing is
 * left when serve stops.
 */
class SearchServeIT {

    private static final Pattern SEARCH = Pattern.compile("Search: OpenSearch at (http://\\S+) \\(in memory");

    @Test
    void searchStartsWithServeReachesTheFunctionsAndStopsWithIt(@TempDir Path dir) throws Exception {
        TestFunctionProject project = TestFunctionProject.create(dir);
        // The test template with the project's shape of search: the parameter, its condition, an indexer on it.
        Files.writeString(project.template(), TestFunctionProject.TEMPLATE
                .replace("Parameters:\n", "Parameters:\n  Search: { Type: String, Default: disabled }\n")
                .replace("Resources:\n", """
                        Conditions:
                          SearchEnabled: !Equals [!Ref Search, enabled]
                        Resources:
                          IndexFunction:
                            Type: AWS::Serverless::Function
                            Condition: SearchEnabled
                            Properties:
                              CodeUri: fn/echo
                              Handler: dev.articles.local.testfn.TestHandler::handleRequest
                              Events:
                                Changes: { Type: DynamoDB, Properties: { Stream: !GetAtt Table.StreamArn, StartingPosition: LATEST } }
                                GoLive: { Type: ScheduleV2, Properties: { ScheduleExpression: rate(1 day) } }
                        """)
                .replace("SECRET: !Sub", "SEARCH_ENDPOINT: \"\"\n          SECRET: !Sub"));
        try (DevIssuer issuer = DevIssuer.start(TestFunctionProject.AUDIENCE)) {
            ServeProcess serve = ServeProcess.start(Path.of(System.getProperty("project.root")), "--in-memory",
                    "--template", project.template().toString(), "--parameter", "Issuer=" + issuer.issuer(),
                    "--parameter", "Search=enabled");
            List<ProcessHandle> children;
            try {
                Matcher search = SEARCH.matcher(serve.output());
                assertThat(search.find()).as(serve.output()).isTrue();
                URI node = URI.create(search.group(1));
                assertThat(serve.output()).contains("Trigger: IndexFunction runs after each write and every 86400 s");
                assertThat(Http.get(node, "/").body()).contains("\"cluster_name\" : \"articles-local\"");

                Map<String, Object> echo = Http.json(Http.get(serve.baseUrl(), "/echo/1"));
                assertThat(Http.map(echo.get("env"))).containsEntry("SEARCH_ENDPOINT", node.toString());

                assertThat(Http.send(serve.baseUrl(), "POST", "/echo", "{}".getBytes(StandardCharsets.UTF_8)).statusCode())
                        .isEqualTo(200);
                Eventually.holds(() -> assertThat(serve.lines()).anyMatch(l -> l.startsWith("[IndexFunction] ")
                        && l.contains(" handling")));
                children = serve.descendants();
            } finally {
                serve.close();
            }
            assertThat(children).isNotEmpty();
            Eventually.holds(() -> assertThat(children).noneMatch(ProcessHandle::isAlive));
        }
    }
}
