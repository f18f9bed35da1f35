package dev.articles.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reads the project's real template.yaml. */
class SamTemplateTest {

    /** The routes that write: authenticated unless WriteAccess=public. */
    /** The routes behind the authorizer: the writes, and the previews (drafts are the newsroom's). */
    static final java.util.Set<String> WRITES = java.util.Set.of("POST /articles", "PATCH /articles/{id}", "DELETE /articles/{id}",
            "GET /preview/articles/{id}", "GET /preview/articles");

    private final SamTemplate template = SamTemplate.load(ProjectRoot.template());

    @Test
    void readsParametersWithDefaults() {
        assertThat(template.parameters())
                .extracting(ParameterSpec::name, ParameterSpec::type, ParameterSpec::defaultValue)
                .contains(org.assertj.core.groups.Tuple.tuple("AllowedOrigins", "CommaDelimitedList", "*"));
    }

    @Test
    void parameterValuesAreTheOverridesElseTheDefaults() {
        SamTemplate overridden = template.withParameters(Map.of("EditorScope", "news/edit"));
        assertThat(template.parameterValues()).containsEntry("EditorScope", "articles/edit").containsEntry("AllowedOrigins", "*");
        assertThat(overridden.parameterValues()).containsEntry("EditorScope", "news/edit").containsEntry("AllowedOrigins", "*");
        assertThatThrownBy(() -> template.withParameters(Map.of("EditorScopes", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no parameter EditorScopes");
    }

    @Test
    void listsResourceTypes() {
        assertThat(template.resourceTypes())
                .containsEntry("ArticlesTable", SamTemplate.TABLE_TYPE)
                .containsEntry("ArticlesApi", SamTemplate.HTTP_API_TYPE)
                .containsEntry("CursorSigningSecret", "AWS::SecretsManager::Secret")
                .containsEntry("GetArticleFunction", SamTemplate.FUNCTION_TYPE);
    }

    @Test
    void functionsHaveGlobalsMergedIn() {
        assertThat(template.functions()).extracting(FunctionSpec::logicalId).containsExactly(
                "CreateArticleFunction", "GetArticleFunction", "EditArticleFunction", "DeleteArticleFunction",
                "ListArticlesFunction", "GetChangesFunction", "GetArticleBySlugFunction", "PreviewArticleFunction", "PreviewArticlesFunction",
                "SearchArticlesFunction", "RouteFallbackFunction");

        FunctionSpec get = template.function("GetArticleFunction");
        assertThat(get.codeUri()).isEqualTo("functions/get-article");
        assertThat(get.jar()).isEqualTo("functions/get-article/target/get-article.jar");
        assertThat(get.handler()).isEqualTo("dev.articles.get.GetArticleHandler::handleRequest");
        assertThat(get.runtime()).isEqualTo("java25");
        assertThat(get.javaFeatureVersion()).isEqualTo(25);
        assertThat(get.memorySize()).isEqualTo(1024);
        assertThat(get.timeoutSeconds()).isEqualTo(10);
        assertThat(get.architectures()).containsExactly("arm64");
        assertThat(get.environment()).containsOnlyKeys("TABLE_NAME", "DYNAMODB_ENDPOINT", "JAVA_TOOL_OPTIONS");
        assertThat(get.environment().get("TABLE_NAME")).isEqualTo(new Intrinsic("Ref", "ArticlesTable"));

        // The function's own MemorySize overrides Globals.
        assertThat(template.function("RouteFallbackFunction").memorySize()).isEqualTo(256);
    }

    @Test
    void aResourceWhoseConditionIsFalseIsNotThere() {
        // Search=disabled (the default): the search function answers 501 with no endpoint; no indexer, no domain.
        assertThat(template.resourceTypes()).containsKey("SearchArticlesFunction")
                .doesNotContainKeys("IndexArticlesFunction", "IndexArticlesLogGroup", "SearchDomain", "SearchVpc");
        assertThat(template.function("SearchArticlesFunction").resolvedEnvironment(template.resolver(
                Map.of("ArticlesTable", "articles", "CursorSigningSecret", "cursor"), IntrinsicResolver.DynamicReferences.NONE)))
                .containsEntry("SEARCH_ENDPOINT", "").containsEntry("SEARCH_INDEX", "articles");

        SamTemplate search = template.withParameters(Map.of("Search", "enabled"));
        assertThat(search.resourceTypes()).containsEntry("IndexArticlesFunction", SamTemplate.FUNCTION_TYPE)
                .containsEntry("SearchDomain", "AWS::OpenSearchService::Domain");
        FunctionSpec indexer = search.function("IndexArticlesFunction");
        assertThat(indexer.codeUri()).isEqualTo("functions/index-articles");
        assertThat(indexer.handler()).isEqualTo("dev.articles.index.IndexArticlesHandler::handleRequest");
        assertThat(indexer.timeoutSeconds()).isEqualTo(90);
        // It has no route: the stream and the timer wake it.
        assertThat(search.routes()).noneMatch(r -> r.functionLogicalId().equals("IndexArticlesFunction"));
    }

    @Test
    void environmentVariablesMergeWithGlobalsAndResolveLocally() {
        FunctionSpec list = template.function("ListArticlesFunction");
        assertThat(list.environment()).containsOnlyKeys("TABLE_NAME", "DYNAMODB_ENDPOINT", "JAVA_TOOL_OPTIONS",
                "CURSOR_SECRET_ID", "CURSOR_SIGNING_KEY");

        IntrinsicResolver resolver = template.resolver(
                Map.of("ArticlesTable", "articles-local", "CursorSigningSecret", "local-cursor-secret"),
                IntrinsicResolver.DynamicReferences.NONE);
        assertThat(list.resolvedEnvironment(resolver)).containsExactly(
                Map.entry("TABLE_NAME", "articles-local"),
                Map.entry("DYNAMODB_ENDPOINT", ""),
                Map.entry("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"),
                Map.entry("CURSOR_SECRET_ID", "local-cursor-secret"),
                Map.entry("CURSOR_SIGNING_KEY", ""));
    }

    @Test
    void anUnresolvableReferenceIsNamed() {
        IntrinsicResolver resolver = template.parameterResolver();
        assertThatThrownBy(() -> template.function("GetArticleFunction").resolvedEnvironment(resolver))
                .hasMessageContaining("ArticlesTable");
    }

    @Test
    void routesComeFromTheHttpApiEvents() {
        assertThat(template.routes())
                .extracting(RouteSpec::method, RouteSpec::path, RouteSpec::functionLogicalId, RouteSpec::apiLogicalId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/articles", "CreateArticleFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/articles/{id}", "GetArticleFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("PATCH", "/articles/{id}", "EditArticleFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/articles/{id}", "DeleteArticleFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/articles", "ListArticlesFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/articles/changes", "GetChangesFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/articles/by-slug/{slug}", "GetArticleBySlugFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/preview/articles/{id}", "PreviewArticleFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/preview/articles", "PreviewArticlesFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("GET", "/articles/search", "SearchArticlesFunction", "ArticlesApi"),
                        org.assertj.core.groups.Tuple.tuple("ANY", "$default", "RouteFallbackFunction", "ArticlesApi"));
        RouteSpec fallback = template.routes().getLast();
        assertThat(fallback.isDefault()).isTrue();
        assertThat(fallback.routeKey()).isEqualTo("$default");
        assertThat(template.routes().get(1).routeKey()).isEqualTo("GET /articles/{id}");
    }

    @Test
    void byDefaultWritesNeedATokenFromTheStacksOwnUserPool() {
        assertThat(template.routes()).filteredOn(r -> WRITES.contains(r.routeKey()))
                .hasSize(5).allSatisfy(r -> assertThat(r.auth()).contains(new RouteSpec.RouteAuth("JwtAuthorizer", List.of())));
        assertThat(template.routes()).filteredOn(r -> !WRITES.contains(r.routeKey()))
                .hasSize(6).allSatisfy(r -> assertThat(r.auth()).isEmpty());
        // Before a deployment the pool is known by its logical id only.
        assertThat(template.httpApis()).singleElement().satisfies(api -> assertThat(api.jwtAuthorizers())
                .containsExactly(Map.entry("JwtAuthorizer", new JwtAuthorizerSpec("JwtAuthorizer",
                        "https://cognito-idp.us-east-1.amazonaws.com/UserPool", List.of("UserPoolClient"),
                        "$request.header.Authorization"))));
    }

    @Test
    void publicWriteAccessLeavesEveryRouteOpen() {
        SamTemplate open = SamTemplate.load(ProjectRoot.template(), Map.of("WriteAccess", "public"));
        assertThat(open.routes()).hasSize(11).allSatisfy(r -> assertThat(r.auth()).isEmpty());
    }

    @Test
    void anExternalIssuerReplacesTheStacksPoolOnTheSameWriteRoutes() {
        SamTemplate withAuth = SamTemplate.load(ProjectRoot.template(),
                Map.of("JwtIssuer", "https://issuer.example", "JwtAudience", "articles-web, articles-app"));
        assertThat(withAuth.routes()).filteredOn(r -> WRITES.contains(r.routeKey()))
                .hasSize(5).allSatisfy(r -> assertThat(r.auth()).contains(new RouteSpec.RouteAuth("JwtAuthorizer", List.of())));
        assertThat(withAuth.routes()).filteredOn(r -> !WRITES.contains(r.routeKey()))
                .hasSize(6).allSatisfy(r -> assertThat(r.auth()).isEmpty());
        assertThat(withAuth.httpApi(withAuth.routes().getFirst()).jwtAuthorizers()).containsExactly(Map.entry("JwtAuthorizer",
                new JwtAuthorizerSpec("JwtAuthorizer", "https://issuer.example", List.of("articles-web", "articles-app"),
                        "$request.header.Authorization")));
    }

    @Test
    void corsResolvesTheAllowedOriginsParameter() {
        assertThat(template.cors()).contains(new CorsSpec(List.of("*"), List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"),
                List.of("Content-Type", "Idempotency-Key", "If-None-Match", "If-Match", "Authorization"),
                List.of("ETag", "Location", "Retry-After", "Idempotent-Replayed"), Optional.of(600), false));

        SamTemplate overridden = SamTemplate.load(ProjectRoot.template(),
                Map.of("AllowedOrigins", "https://a.example, https://b.example"));
        assertThat(overridden.cors().orElseThrow().allowOrigins()).containsExactly("https://a.example", "https://b.example");
    }

    @Test
    void tableAsDeclared() {
        TableSpec table = template.table();
        assertThat(table.logicalId()).isEqualTo("ArticlesTable");
        assertThat(table.billingMode()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.keySchema()).containsExactly(
                new TableSpec.KeyElement("pk", "HASH"), new TableSpec.KeyElement("sk", "RANGE"));
        assertThat(table.attributeDefinitions()).extracting(TableSpec.Attribute::name)
                .containsExactly("pk", "sk", "allPk", "authorPk", "tagAuthorPk", "previewPk", "creatorPk", "feedPk", "changeSk", "listSk");
        assertThat(table.attributeDefinitions()).extracting(TableSpec.Attribute::type).containsOnly("S");
        assertThat(table.globalSecondaryIndexes()).extracting(TableSpec.Index::name)
                .containsExactly("ByPublished", "ByAuthor", "ByTagAuthor", "ByPreview", "ByCreator", "ByChange");
        TableSpec.Index byAuthor = table.globalSecondaryIndexes().get(1);
        assertThat(byAuthor.keySchema()).containsExactly(
                new TableSpec.KeyElement("authorPk", "HASH"), new TableSpec.KeyElement("listSk", "RANGE"));
        // The YAML alias *summaryProjection is expanded.
        assertThat(byAuthor.projection().type()).isEqualTo("INCLUDE");
        assertThat(byAuthor.projection().nonKeyAttributes()).contains("id", "slug", "status", "title", "pending");
        // The list indexes share the summaries' projection; the feed's (the last) carries whole articles and deletions.
        assertThat(table.globalSecondaryIndexes().subList(0, 5)).allSatisfy(index -> assertThat(index.projection()).isEqualTo(byAuthor.projection()));
        assertThat(table.globalSecondaryIndexes().getLast().projection().nonKeyAttributes()).contains("body", "deletedAt");
        assertThat(table.ttlAttribute()).contains("expiresAt");
    }

    @Test
    void inlinePolicyStatementsResolve() {
        IntrinsicResolver resolver = template.resolver(Map.of("ArticlesTable.Arn", "arn:table",
                "CursorSigningSecret", "arn:secret"), IntrinsicResolver.DynamicReferences.NONE);
        assertThat(template.policyStatements("ListArticlesFunction", resolver)).containsExactly(
                new PolicyStatement("Allow", List.of("dynamodb:Query"), List.of("arn:table", "arn:table/index/ByPublished",
                        "arn:table/index/ByAuthor", "arn:table/index/ByTagAuthor")),
                new PolicyStatement("Allow", List.of("dynamodb:GetItem"), List.of("arn:table")),
                new PolicyStatement("Allow", List.of("secretsmanager:GetSecretValue"), List.of("arn:secret")));
        assertThat(template.policyStatements("RouteFallbackFunction", resolver)).isEmpty();
    }

    @Test
    void aPolicyThatIsNotInlineIsRefused(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - AmazonDynamoDBFullAccess
                        - DynamoDBCrudPolicy: { TableName: t }
                """);
        assertThatThrownBy(() -> SamTemplate.load(file).policyStatements("F", template.parameterResolver()))
                .hasMessageContaining("only inline policies").hasMessageContaining("AmazonDynamoDBFullAccess");
    }

    @Test
    void aFunctionWhoseConditionIsFalseHasNoEvents(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = SearchTemplate.write(dir);
        assertThat(SamTemplate.load(file).functions()).extracting(FunctionSpec::logicalId).containsExactly("Always");
        assertThat(SamTemplate.load(file, Map.of("Search", "enabled")).functions()).extracting(FunctionSpec::logicalId)
                .containsExactly("Always", "Indexer");
        assertThat(SamTemplate.load(file).events()).extracting(EventSpec::functionLogicalId).containsExactly("Always");
        assertThat(SamTemplate.load(file, Map.of("Search", "enabled")).events()).containsExactly(
                new EventSpec("Always", "Get", "HttpApi", Optional.empty()),
                new EventSpec("Indexer", "Changes", "DynamoDB", Optional.empty()),
                new EventSpec("Indexer", "GoLive", "ScheduleV2", Optional.of("rate(1 minute)")));
    }

    @Test
    void outputsResolveSubAndGetAtt() {
        @SuppressWarnings("unchecked")
        Map<String, Object> outputs = (Map<String, Object>) rawSection("Outputs");
        IntrinsicResolver resolver = template.resolver(Map.of("ArticlesApi", "local"), IntrinsicResolver.DynamicReferences.NONE);
        Object apiUrl = ((Map<?, ?>) outputs.get("ApiUrl")).get("Value");
        assertThat(resolver.resolveString(apiUrl)).isEqualTo("https://local.execute-api.us-east-1.amazonaws.com");
    }

    private Object rawSection(String name) {
        try {
            return TemplateYaml.read(template.file()).get(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
