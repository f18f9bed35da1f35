package dev.articles.apitests.deployment;

import dev.articles.http.endpoints.ChangesEndpoint;
import dev.articles.http.endpoints.CreateArticleEndpoint;
import dev.articles.http.endpoints.DeleteArticleEndpoint;
import dev.articles.http.endpoints.EditArticleEndpoint;
import dev.articles.http.endpoints.GetArticleBySlugEndpoint;
import dev.articles.http.endpoints.GetArticleEndpoint;
import dev.articles.http.endpoints.ListArticlesEndpoint;
import dev.articles.http.endpoints.PreviewArticleEndpoint;
import dev.articles.http.endpoints.PreviewArticlesEndpoint;
import dev.articles.http.endpoints.RouteFallback;
import dev.articles.http.endpoints.SearchArticlesEndpoint;
import dev.articles.template.IntrinsicResolver;
import dev.articles.template.PolicyStatement;
import dev.articles.template.ProjectRoot;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The project's template.yaml, as the deployment tests read it, and the endpoint each of its routes runs. */
final class ProjectTemplate {

    static final Path ROOT = ProjectRoot.find();
    static final SamTemplate TEMPLATE = SamTemplate.load(ROOT.resolve(ProjectRoot.TEMPLATE));
    static final String TABLE_LOGICAL_ID = "ArticlesTable";
    /** What {@code !GetAtt ArticlesTable.Arn} stands for in the policies. */
    static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/articles";
    /** The table's indexes, each by its own ARN: a policy names the ones its function queries. */
    static final Set<String> INDEX_ARNS = TEMPLATE.table().globalSecondaryIndexes().stream()
            .map(index -> indexArn(index.name())).collect(Collectors.toUnmodifiableSet());

    /** The endpoint each route key of the contract (and API Gateway's $default) is handled by. */
    static final Map<String, Class<?>> ROUTE_CLASSES = Map.ofEntries(
            Map.entry("POST /articles", CreateArticleEndpoint.class),
            Map.entry("GET /articles/{id}", GetArticleEndpoint.class),
            Map.entry("GET /articles", ListArticlesEndpoint.class),
            Map.entry("PATCH /articles/{id}", EditArticleEndpoint.class),
            Map.entry("DELETE /articles/{id}", DeleteArticleEndpoint.class),
            Map.entry("GET /articles/by-slug/{slug}", GetArticleBySlugEndpoint.class),
            Map.entry("GET /preview/articles/{id}", PreviewArticleEndpoint.class),
            Map.entry("GET /preview/articles", PreviewArticlesEndpoint.class),
            Map.entry("GET /articles/changes", ChangesEndpoint.class),
            Map.entry("GET /articles/search", SearchArticlesEndpoint.class),
            Map.entry(RouteSpec.DEFAULT_ROUTE, RouteFallback.class));

    private ProjectTemplate() {}

    /** What {@code !Sub "${ArticlesTable.Arn}/index/<name>"} stands for in the policies. */
    static String indexArn(String name) {
        return TABLE_ARN + "/index/" + name;
    }

    static List<String> functionIds() {
        return TEMPLATE.functions().stream().map(f -> f.logicalId()).toList();
    }

    /**
     * The function's DynamoDB statements: what these tests measure against the code. (Its Secrets Manager
     * statement, the cursor key's, is checked on the transformed template by infra/template-tests.)
     */
    static List<PolicyStatement> policy(String functionId) {
        IntrinsicResolver resolver = TEMPLATE.resolver(Map.of(TABLE_LOGICAL_ID + ".Arn", TABLE_ARN,
                        "CursorSigningSecret", "arn:aws:secretsmanager:us-east-1:123456789012:secret:cursor"),
                IntrinsicResolver.DynamicReferences.NONE);
        return TEMPLATE.policyStatements(functionId, resolver).stream()
                .filter(s -> s.actions().stream().allMatch(a -> a.startsWith("dynamodb:"))).toList();
    }

    /** The route keys whose requests API Gateway hands to this function. */
    static List<String> routeKeys(String functionId) {
        return TEMPLATE.routes().stream().filter(r -> r.functionLogicalId().equals(functionId)).map(RouteSpec::routeKey).toList();
    }
}
