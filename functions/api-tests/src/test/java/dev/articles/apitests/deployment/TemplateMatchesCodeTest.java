package dev.articles.apitests.deployment;

import static dev.articles.apitests.deployment.ProjectTemplate.INDEX_ARNS;
import static dev.articles.apitests.deployment.ProjectTemplate.ROOT;
import static dev.articles.apitests.deployment.ProjectTemplate.ROUTE_CLASSES;
import static dev.articles.apitests.deployment.ProjectTemplate.TABLE_ARN;
import static dev.articles.apitests.deployment.ProjectTemplate.TEMPLATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.articles.core.RequestDeadline;
import dev.articles.dynamodb.DynamoIdempotencyRecords;
import dev.articles.core.Environment;
import dev.articles.core.routes.WriteAccess;
import dev.articles.http.endpoints.RouteTable;
import dev.articles.template.FunctionSpec;
import dev.articles.template.IntrinsicResolver;
import dev.articles.template.PolicyStatement;
import dev.articles.template.ProjectRoot;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml against the code it deploys: every Handler is a stream handler in the module whose jar is its
 * CodeUri, wired to the endpoint of its events; the contract's routes are declared once each; every policy
 * names only the table. The handler modules build after this one, so their sources are read, not their classes.
 */
class TemplateMatchesCodeTest {

    static final Pattern MODULE_JAR = Pattern.compile("(functions/([a-z-]+))/target/\\2\\.jar");

    /** With Search=enabled: every function the template can deploy (the indexer only exists with search on). */
    static final SamTemplate WITH_SEARCH = SamTemplate.load(ROOT.resolve(ProjectRoot.TEMPLATE), Map.of("Search", "enabled"));
    /** It serves no request: it is woken by the stream and a timer, and its Timeout is its own (below). */
    static final String INDEXER = "IndexArticlesFunction";

    static List<String> functionIds() {
        return ProjectTemplate.functionIds();
    }

    static List<String> allFunctionIds() {
        return WITH_SEARCH.functions().stream().map(FunctionSpec::logicalId).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFunctionIds")
    void handlerIsARequestStreamHandlerInTheModuleOfItsCodeUri(String functionId) throws IOException {
        FunctionSpec function = WITH_SEARCH.function(functionId);
        String[] handler = function.handler().split("::");
        assertThat(handler).as("Handler is Class::method").hasSize(2);
        String className = handler[0];
        String packageName = className.substring(0, className.lastIndexOf('.'));
        String simpleName = className.substring(className.lastIndexOf('.') + 1);
        // CodeUri is the function's module; the jar is the shaded one it builds: functions/<m>/target/<m>.jar.
        Matcher jar = MODULE_JAR.matcher(function.jar());
        assertThat(jar.matches()).as("%s is a module's jar", function.jar()).isTrue();
        String moduleDir = jar.group(1);
        Path module = ROOT.resolve(moduleDir);
        Path source = module.resolve("src/main/java").resolve(className.replace('.', '/') + ".java");

        assertThat(source).isRegularFile();
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<module>" + moduleDir + "</module>");
        assertThat(Files.readString(module.resolve("pom.xml"))).contains("<finalName>" + jar.group(2) + "</finalName>");
        String code = Files.readString(source);
        assertThat(code).containsPattern("(?m)^package " + Pattern.quote(packageName) + ";")
                .contains("import com.amazonaws.services.lambda.runtime.RequestStreamHandler;")
                .containsPattern("public\\s+(final\\s+)?class\\s+" + simpleName + "\\s+implements\\s+([\\w.]+\\s*,\\s*)*RequestStreamHandler\\b")
                // Lambda makes the handler with its public no-argument constructor, then calls the method.
                .containsPattern("public\\s+" + simpleName + "\\s*\\(\\s*\\)")
                .containsPattern("public\\s+void\\s+" + handler[1]
                        + "\\s*\\(\\s*InputStream\\s+\\w+\\s*,\\s*OutputStream\\s+\\w+\\s*,\\s*Context\\s+\\w+\\s*\\)");
        for (String routeKey : WITH_SEARCH.routes().stream().filter(r -> r.functionLogicalId().equals(functionId))
                .map(RouteSpec::routeKey).toList()) {
            assertThat(ROUTE_CLASSES).as("a route the code has").containsKey(routeKey);
            assertThat(code).as("%s runs the endpoint for %s", simpleName, routeKey)
                    .containsPattern("new\\s+" + ROUTE_CLASSES.get(routeKey).getSimpleName() + "\\s*\\(");
        }
    }

    /**
     * One setting: the template's Timeout is the code's FUNCTION_TIMEOUT, within which every request ends (its
     * store calls are bounded by the invocation's deadline) and after which an Idempotency-Key's claim expires.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allFunctionIds")
    void theTimeoutIsTheOneTheCodeEndsRequestsWithinAndIdempotencyClaimsOutlive(String functionId) {
        Duration timeout = Duration.ofSeconds(WITH_SEARCH.function(functionId).timeoutSeconds());
        if (functionId.equals(INDEXER)) {
            // No request waits on it and it claims no Idempotency-Key: its run syncs, then waits for a write still
            // settling (docs/data-model.md), keeping 40 s of it (IndexArticlesHandler.RESERVE: that module builds
            // after this one) to save the cursor before Lambda stops it.
            assertThat(timeout).isEqualTo(Duration.ofSeconds(90));
            return;
        }
        assertThat(timeout).isEqualTo(RequestDeadline.FUNCTION_TIMEOUT);
        assertThat(DynamoIdempotencyRecords.IN_PROGRESS_EXPIRY).isGreaterThan(timeout);
    }

    @Test
    void eachRouteOfTheContractIsDeclaredOnceOnTheOneApi() {
        List<RouteTable.Route> declared = TEMPLATE.routes().stream().filter(r -> !r.isDefault())
                .map(r -> new RouteTable.Route(r.method(), r.path())).toList();
        assertThat(declared).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(RouteTable.ALL);
        assertThat(TEMPLATE.routes()).extracting(RouteSpec::apiLogicalId).containsOnly("ArticlesApi");
        assertThat(TEMPLATE.functions()).allSatisfy(f ->
                assertThat(ProjectTemplate.routeKeys(f.logicalId())).as("%s serves a route", f.logicalId()).isNotEmpty());
        // Search=enabled adds the indexer, which serves none, and no route: the search route is there either way.
        assertThat(WITH_SEARCH.routes()).extracting(RouteSpec::routeKey)
                .containsExactlyInAnyOrderElementsOf(TEMPLATE.routes().stream().map(RouteSpec::routeKey).toList());
        assertThat(allFunctionIds()).containsAll(ProjectTemplate.functionIds()).contains(INDEXER)
                .hasSize(ProjectTemplate.functionIds().size() + 1);
    }

    /**
     * Authorization never fails open: each function that writes, and each that previews (drafts are the newsroom's),
     * is told whether writes are authenticated.
     */
    @ParameterizedTest(name = "WriteAccess={0}")
    @EnumSource(WriteAccess.class)
    void everyWriteAndPreviewFunctionGetsTheDeploymentsWriteAccess(WriteAccess access) {
        String value = access.name().toLowerCase(Locale.ROOT);
        SamTemplate template = SamTemplate.load(ROOT.resolve(ProjectRoot.TEMPLATE), Map.of("WriteAccess", value));
        IntrinsicResolver resolver = template.resolver(Map.of(), IntrinsicResolver.DynamicReferences.NONE);
        List<RouteSpec> protectedRoutes = template.routes().stream()
                .filter(r -> Set.of("POST", "PATCH", "DELETE").contains(r.method()) || r.path().startsWith("/preview/")).toList();
        assertThat(protectedRoutes).hasSize(5);
        for (RouteSpec route : protectedRoutes) {
            Object variable = template.function(route.functionLogicalId()).environment().get(WriteAccess.VARIABLE);
            assertThat(variable).as("%s sets %s", route.functionLogicalId(), WriteAccess.VARIABLE).isNotNull();
            String resolved = resolver.resolveString(variable);
            assertThat(resolved).isEqualTo(value);
            assertThat(WriteAccess.of(new Environment(Map.of(WriteAccess.VARIABLE, resolved)))).isEqualTo(access);
        }
    }

    @Test
    void everyOtherRequestGoesToTheFallbackFunction() {
        assertThat(TEMPLATE.routes()).filteredOn(RouteSpec::isDefault).singleElement().satisfies(route -> {
            assertThat(route.method()).isEqualTo("ANY");
            assertThat(TEMPLATE.function(route.functionLogicalId()).handler())
                    .isEqualTo("dev.articles.fallback.RouteFallbackHandler::handleRequest");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functionIds")
    void everyPolicyIsScopedToTheTableAndItsIndexesByName(String functionId) {
        Set<String> table = new HashSet<>(INDEX_ARNS);
        table.add(TABLE_ARN);
        for (PolicyStatement statement : ProjectTemplate.policy(functionId)) {
            assertThat(statement.effect()).isEqualTo("Allow");
            assertThat(statement.actions()).allSatisfy(action -> assertThat(action).matches("dynamodb:[A-Z][A-Za-z]+"));
            assertThat(statement.resources()).isNotEmpty().isSubsetOf(table);
            if (statement.resources().stream().anyMatch(INDEX_ARNS::contains)) {
                assertThat(statement.actions()).as("only a Query reads an index").containsOnly("dynamodb:Query");
            }
        }
    }
}
