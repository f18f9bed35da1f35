package dev.articles.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template read into records: the single description of the functions, the HTTP API and the table, so
 * that local tools serve exactly what is deployed and nothing is configured twice.
 */
public final class SamTemplate {

    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    public static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    /** The HttpApi SAM creates when an HttpApi event names no ApiId. */
    public static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";

    /** Pseudo parameters as a local stack would see them; callers may override any. */
    private static final Map<String, Object> PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", "us-east-1",
            "AWS::AccountId", "123456789012",
            "AWS::Partition", "aws",
            "AWS::URLSuffix", "amazonaws.com",
            "AWS::StackName", "articles-local",
            "AWS::StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/articles-local/local");

    private final Path file;
    private final Map<String, Object> root;
    private final Map<String, String> parameterOverrides;

    private SamTemplate(Path file, Map<String, Object> root, Map<String, String> parameterOverrides) {
        this.file = file;
        this.root = root;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
    }

    public static SamTemplate load(Path file) {
        return load(file, Map.of());
    }

    /**
     * @param parameterOverrides parameter values that replace the defaults, as {@code sam --parameter-overrides} does;
     *                           a name the template does not declare is refused (IllegalArgumentException)
     */
    public static SamTemplate load(Path file, Map<String, String> parameterOverrides) {
        try {
            return new SamTemplate(file, TemplateYaml.read(file), Map.of()).withParameters(parameterOverrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the template " + file, e);
        }
    }

    /** The same template, not read again, with these overrides instead of its own; each must be declared. */
    public SamTemplate withParameters(Map<String, String> overrides) {
        List<String> declared = parameters().stream().map(ParameterSpec::name).toList();
        for (String name : overrides.keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalArgumentException(file + " has no parameter " + name + "; it has " + declared);
            }
        }
        return new SamTemplate(file, root, overrides);
    }

    public Path file() {
        return file;
    }

    public List<ParameterSpec> parameters() {
        List<ParameterSpec> out = new ArrayList<>();
        section("Parameters").forEach((name, value) -> {
            Map<String, Object> p = asMap(value, "parameter " + name);
            Object def = p.get("Default");
            out.add(new ParameterSpec(name, String.valueOf(p.getOrDefault("Type", "String")),
                    def == null ? null : String.valueOf(def), (String) p.get("Description")));
        });
        return out;
    }

    /** Each parameter's value, the override given or else its default; one with neither is absent. In template order. */
    public Map<String, String> parameterValues() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ParameterSpec parameter : parameters()) {
            String value = parameterOverrides.getOrDefault(parameter.name(), parameter.defaultValue());
            if (value != null) {
                out.put(parameter.name(), value);
            }
        }
        return out;
    }

    /** Every resource's logical id and Type, in template order; a resource whose Condition is false is not there. */
    public Map<String, String> resourceTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        deployedResources().forEach((id, resource) -> out.put(id, String.valueOf(resource.get("Type"))));
        return out;
    }

    /** Every function, Globals.Function merged in, in template order. */
    public List<FunctionSpec> functions() {
        IntrinsicResolver params = parameterResolver();
        Map<String, Object> globals = asMap(section("Globals").getOrDefault("Function", Map.of()), "Globals.Function");
        List<FunctionSpec> out = new ArrayList<>();
        resources(FUNCTION_TYPE).forEach((id, properties) -> {
            Map<String, Object> p = GlobalsMerge.merge(globals, properties);
            Map<String, Object> environment = new LinkedHashMap<>();
            Object env = p.get("Environment");
            if (env != null) {
                asMap(asMap(env, id + ".Environment").getOrDefault("Variables", Map.of()), id + ".Environment.Variables")
                        .forEach(environment::put);
            }
            out.add(new FunctionSpec(id,
                    required(params, p, "CodeUri", id),
                    required(params, p, "Handler", id),
                    required(params, p, "Runtime", id),
                    integer(params, p.get("MemorySize"), FunctionSpec.DEFAULT_MEMORY_MB),
                    integer(params, p.get("Timeout"), FunctionSpec.DEFAULT_TIMEOUT_S),
                    p.containsKey("Architectures") ? params.resolveStringList(p.get("Architectures")) : List.of("x86_64"),
                    environment));
        });
        return out;
    }

    public FunctionSpec function(String logicalId) {
        return functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no function " + logicalId + " in " + file + "; functions: "
                                + functions().stream().map(FunctionSpec::logicalId).toList()));
    }

    /**
     * The statements of a function's inline policies, in template order, resolved with {@code resolver} (which
     * needs a value for each resource they name, e.g. {@code ArticlesTable.Arn}). Only inline statements can be
     * read: a managed policy or SAM policy template grants what this file does not say, so it is an error here.
     */
    public List<PolicyStatement> policyStatements(String functionLogicalId, IntrinsicResolver resolver) {
        Map<String, Object> properties = resources(FUNCTION_TYPE).get(functionLogicalId);
        if (properties == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + " in " + file);
        }
        Object policies = properties.get("Policies");
        List<PolicyStatement> out = new ArrayList<>();
        for (Object policy : policies == null ? List.of() : policies instanceof List<?> list ? list : List.of(policies)) {
            if (!(policy instanceof Map<?, ?> map) || !map.containsKey("Statement")) {
                throw new IllegalArgumentException(functionLogicalId + ": only inline policies (- Statement: ...) can "
                        + "be read, not " + policy);
            }
            Object statements = resolver.resolve(map.get("Statement"));
            for (Object statement : statements instanceof List<?> list ? list : List.of(statements)) {
                Map<String, Object> s = asMap(statement, functionLogicalId + " policy statement");
                out.add(new PolicyStatement(String.valueOf(s.get("Effect")), strings(s.get("Action")), strings(s.get("Resource"))));
            }
        }
        return out;
    }

    /** Every event of every function, in template order. */
    public List<EventSpec> events() {
        IntrinsicResolver params = parameterResolver();
        List<EventSpec> out = new ArrayList<>();
        resources(FUNCTION_TYPE).forEach((functionId, properties) ->
                asMap(properties.getOrDefault("Events", Map.of()), functionId + ".Events").forEach((eventName, value) -> {
                    Map<String, Object> event = asMap(value, functionId + ".Events." + eventName);
                    Map<String, Object> p = asMap(event.getOrDefault("Properties", Map.of()), eventName + ".Properties");
                    Object schedule = p.containsKey("Schedule") ? p.get("Schedule") : p.get("ScheduleExpression");
                    out.add(new EventSpec(functionId, eventName, String.valueOf(event.get("Type")),
                            Optional.ofNullable(schedule).map(params::resolveString)));
                }));
        return out;
    }

    /** Every HttpApi event of every function, in template order. */
    public List<RouteSpec> routes() {
        IntrinsicResolver params = parameterResolver();
        Map<String, OpenApiDefinition> definitions = definitions(params);
        List<RouteSpec> out = new ArrayList<>();
        resources(FUNCTION_TYPE).forEach((functionId, properties) -> {
            Map<String, Object> events = asMap(properties.getOrDefault("Events", Map.of()), functionId + ".Events");
            events.forEach((eventName, value) -> {
                Map<String, Object> event = asMap(value, functionId + ".Events." + eventName);
                if (!"HttpApi".equals(event.get("Type"))) {
                    return;
                }
                Map<String, Object> p = asMap(event.getOrDefault("Properties", Map.of()), eventName + ".Properties");
                // SAM: an HttpApi event with neither Path nor Method is the $default route.
                String path = p.containsKey("Path") ? params.resolveString(p.get("Path")) : RouteSpec.DEFAULT_ROUTE;
                String method = p.containsKey("Method") ? params.resolveString(p.get("Method")) : "ANY";
                if (method.equalsIgnoreCase("x-amazon-apigateway-any-method")) {
                    method = "ANY";
                }
                method = method.toUpperCase(java.util.Locale.ROOT);
                String apiId = apiId(p.get("ApiId"), eventName);
                // The event's own Auth wins; else what the API's OpenAPI definition requires of the operation.
                String routeMethod = method;
                Optional<RouteSpec.RouteAuth> auth = routeAuth(params, p.get("Auth")).or(() ->
                        Optional.ofNullable(definitions.get(apiId)).flatMap(d -> d.security(routeMethod, path)));
                out.add(new RouteSpec(eventName, method, path, functionId, apiId, auth,
                        p.containsKey("TimeoutInMillis")
                                ? Optional.of(integer(params, p.get("TimeoutInMillis"), 0)) : Optional.empty()));
            });
        });
        return out;
    }

    /** The HttpApis the template declares, plus SAM's implicit one when a route uses it. */
    public List<HttpApiSpec> httpApis() {
        IntrinsicResolver params = parameterResolver();
        Map<String, Object> globals = asMap(section("Globals").getOrDefault("HttpApi", Map.of()), "Globals.HttpApi");
        IntrinsicResolver authValues = resolver(logicalIds(), IntrinsicResolver.DynamicReferences.NONE);
        List<HttpApiSpec> out = new ArrayList<>();
        resources(HTTP_API_TYPE).forEach((id, properties) -> {
            Map<String, Object> merged = GlobalsMerge.merge(globals, properties);
            out.add(new HttpApiSpec(id, corsSpec(params, merged.get("CorsConfiguration")),
                    HttpApiAuth.jwtAuthorizers(merged.get("Auth"), authValues)));
        });
        if (routes().stream().anyMatch(r -> r.apiLogicalId().equals(IMPLICIT_HTTP_API))) {
            out.add(new HttpApiSpec(IMPLICIT_HTTP_API, corsSpec(params, globals.get("CorsConfiguration")), Map.of()));
        }
        return out;
    }

    /** Each resource's Ref as its logical id: all that is known of a resource before a deployment. */
    private Map<String, Object> logicalIds() {
        Map<String, Object> ids = new LinkedHashMap<>();
        resourceTypes().keySet().forEach(id -> ids.put(id, id));
        return ids;
    }

    /** The HttpApi this route belongs to. */
    public HttpApiSpec httpApi(RouteSpec route) {
        return httpApis().stream().filter(a -> a.logicalId().equals(route.apiLogicalId())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("route " + route.routeKey() + " names the HttpApi "
                        + route.apiLogicalId() + ", which " + file + " does not declare"));
    }

    /** Each declared HttpApi's OpenAPI definition (empty where it has no DefinitionBody). */
    private Map<String, OpenApiDefinition> definitions(IntrinsicResolver params) {
        Map<String, Object> globals = asMap(section("Globals").getOrDefault("HttpApi", Map.of()), "Globals.HttpApi");
        Map<String, OpenApiDefinition> out = new LinkedHashMap<>();
        resources(HTTP_API_TYPE).forEach((id, properties) ->
                out.put(id, new OpenApiDefinition(GlobalsMerge.merge(globals, properties).get("DefinitionBody"), params)));
        return out;
    }

    /** The CORS configuration of the template's only HttpApi; empty when it configures none. */
    public Optional<CorsSpec> cors() {
        List<HttpApiSpec> apis = httpApis();
        if (apis.size() != 1) {
            throw new IllegalStateException("expected one HttpApi in " + file + ", found "
                    + apis.stream().map(HttpApiSpec::logicalId).toList());
        }
        return apis.getFirst().cors();
    }

    /** The template's only DynamoDB table. */
    public TableSpec table() {
        Map<String, Map<String, Object>> tables = resources(TABLE_TYPE);
        if (tables.size() != 1) {
            throw new IllegalStateException("expected one " + TABLE_TYPE + " in " + file + ", found " + tables.keySet());
        }
        return table(tables.keySet().iterator().next());
    }

    public TableSpec table(String logicalId) {
        Map<String, Object> p = resources(TABLE_TYPE).get(logicalId);
        if (p == null) {
            throw new IllegalArgumentException("no " + TABLE_TYPE + " " + logicalId + " in " + file);
        }
        return TableSpecs.read(logicalId, p, parameterResolver());
    }

    /** Resolves values against the parameters (given or default) and no other resource. */
    public IntrinsicResolver parameterResolver() {
        return resolver(Map.of(), IntrinsicResolver.DynamicReferences.NONE);
    }

    /**
     * A resolver for this template's values: parameters (given or default), pseudo parameters
     * ({@code AWS::Region} us-east-1 unless overridden) and {@code localValues}, which win over both.
     *
     * @param localValues {@code LogicalId} or {@code LogicalId.Attribute} to its local value
     */
    public IntrinsicResolver resolver(Map<String, ?> localValues, IntrinsicResolver.DynamicReferences dynamicReferences) {
        Map<String, Object> values = new LinkedHashMap<>(PSEUDO_PARAMETERS);
        Map<String, String> given = parameterValues();
        for (ParameterSpec parameter : parameters()) {
            String value = given.get(parameter.name());
            if (value != null) {
                values.put(parameter.name(), parameter.isList() ? IntrinsicResolver.splitCommaList(value) : value);
            }
        }
        values.putAll(localValues);
        return new IntrinsicResolver(values, section("Conditions"), dynamicReferences);
    }

    private Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        deployedResources().forEach((id, resource) -> {
            if (type.equals(resource.get("Type"))) {
                out.put(id, asMap(resource.getOrDefault("Properties", Map.of()), id + ".Properties"));
            }
        });
        return out;
    }

    /**
     * The resources CloudFormation would create for these parameter values: one whose {@code Condition} is false
     * (e.g. the indexer while {@code Search} is disabled) is left out, as a deployment leaves it out.
     */
    private Map<String, Map<String, Object>> deployedResources() {
        IntrinsicResolver params = parameterResolver();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        section("Resources").forEach((id, value) -> {
            Map<String, Object> resource = asMap(value, "resource " + id);
            Object condition = resource.get("Condition");
            if (condition == null || Boolean.TRUE.equals(params.resolve(new Intrinsic("Condition", condition)))) {
                out.put(id, resource);
            }
        });
        return out;
    }

    private Map<String, Object> section(String name) {
        return asMap(root.getOrDefault(name, Map.of()), name);
    }

    private static String apiId(Object value, String eventName) {
        if (value == null) {
            return IMPLICIT_HTTP_API;
        }
        if (value instanceof Intrinsic(String name, Object argument) && name.equals("Ref") && argument instanceof String id) {
            return id;
        }
        throw new IllegalArgumentException("event " + eventName + ": ApiId must be !Ref to an HttpApi, got " + value);
    }

    private static Optional<RouteSpec.RouteAuth> routeAuth(IntrinsicResolver params, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        Map<String, Object> auth = asMap(params.resolve(value), "Auth");
        Object scopes = auth.get("AuthorizationScopes");
        return Optional.of(new RouteSpec.RouteAuth((String) auth.get("Authorizer"),
                scopes == null ? List.of() : params.resolveStringList(scopes)));
    }

    private static Optional<CorsSpec> corsSpec(IntrinsicResolver params, Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        if (Boolean.TRUE.equals(value)) { // SAM: CorsConfiguration: true allows every origin, method and header
            return Optional.of(new CorsSpec(List.of("*"), List.of("*"), List.of("*"), List.of(), Optional.empty(), false));
        }
        Map<String, Object> c = asMap(value, "CorsConfiguration");
        return Optional.of(new CorsSpec(
                stringList(params, c.get("AllowOrigins")),
                stringList(params, c.get("AllowMethods")),
                stringList(params, c.get("AllowHeaders")),
                stringList(params, c.get("ExposeHeaders")),
                c.containsKey("MaxAge") ? Optional.of(integer(params, c.get("MaxAge"), 0)) : Optional.empty(),
                c.containsKey("AllowCredentials") && Boolean.parseBoolean(params.resolveString(c.get("AllowCredentials")))));
    }

    private static List<String> stringList(IntrinsicResolver params, Object value) {
        return value == null ? List.of() : params.resolveStringList(value);
    }

    /** An IAM element that is one string or a list of them. */
    private static List<String> strings(Object value) {
        return value == null ? List.of()
                : value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(value));
    }

    private static String required(IntrinsicResolver params, Map<String, Object> properties, String key, String id) {
        Object value = properties.get(key);
        if (value == null) {
            throw new IllegalArgumentException(id + " has no " + key + " (neither its own nor in Globals.Function)");
        }
        return params.resolveString(value);
    }

    private static int integer(IntrinsicResolver params, Object value, int fallback) {
        return value == null ? fallback : Integer.parseInt(params.resolveString(value));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " must be a mapping, got: " + value);
    }
}
