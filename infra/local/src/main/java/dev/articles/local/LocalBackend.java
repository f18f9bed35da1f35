package dev.articles.local;

import dev.articles.core.Sha256;
import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.DynamoDbEngine;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.Loopback;
import dev.articles.dynalite.TableFactory;
import dev.articles.searchnode.SearchNodeProcess;
import dev.articles.template.FunctionSpec;
import dev.articles.template.IntrinsicResolver;
import dev.articles.template.SamTemplate;
import dev.articles.template.TableSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the functions run against locally: the DynamoDB engine (dynalite started here, or an endpoint given),
 * the template's table created in it, the search engine when the template's {@code Search} is enabled (an
 * OpenSearch node started here), local secrets, and the environment each function gets, with the template's
 * Ref/GetAtt/Sub resolved to these local stand-ins.
 */
final class LocalBackend implements AutoCloseable {

    /** The variables that carry the user's own AWS identity, passed on only with --dynamodb-endpoint. */
    private static final String[] USER_AWS_VARIABLES = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "HOME"};

    /** The template parameter that turns search on (enabled) or off (disabled, its default, and when it is absent). */
    static final String SEARCH_PARAMETER = "Search";
    /** The engine's base URL for the functions that declare it; empty while search is off. */
    static final String SEARCH_ENDPOINT = "SEARCH_ENDPOINT";
    private static final String CURSOR_SECRET_ID = "CURSOR_SECRET_ID";
    private static final String CURSOR_SIGNING_KEY = "CURSOR_SIGNING_KEY";

    private final SamTemplate template;
    private final Optional<DynamoDbEngine> engine;
    private final URI endpoint;
    private final String region;
    private final boolean userCredentials;
    private final LocalSecrets secrets;
    private final IntrinsicResolver resolver;
    private final String tableName;
    private Optional<SearchNodeProcess> search = Optional.empty();

    private LocalBackend(SamTemplate template, Optional<DynamoDbEngine> engine, URI endpoint, String region,
                         boolean userCredentials, LocalSecrets secrets) {
        this.template = template;
        this.engine = engine;
        this.endpoint = endpoint;
        this.region = region;
        this.userCredentials = userCredentials;
        this.secrets = secrets;
        this.tableName = template.table().logicalId(); // the local table is named after its logical id
        this.resolver = template.resolver(localValues(), this::dynamicReference);
    }

    static LocalBackend start(Path projectRoot, DataOption data, SamTemplate template) {
        if (!searchEnabled(template)) {
            return startDatabase(projectRoot, data, template);
        }
        // The node's JVM takes seconds to start: it starts while the database does.
        Optional<Path> searchHome = data instanceof DataOption.DataDir d ? Optional.of(d.dir().resolve("search")) : Optional.empty();
        CompletableFuture<SearchNodeProcess> node = CompletableFuture.supplyAsync(() -> startSearch(projectRoot, searchHome));
        LocalBackend backend;
        try {
            backend = startDatabase(projectRoot, data, template);
        } catch (RuntimeException e) {
            node.thenAccept(SearchNodeProcess::close);
            throw e;
        }
        try {
            backend.search = Optional.of(node.join());
        } catch (CompletionException e) {
            backend.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return backend;
    }

    /**
     * The search node, on a JDK 25 with its JVM's AOT cache as the function JVMs have theirs: the first start of a
     * build records it, written as the node stops; later starts map it (docs/performance.md: the start time).
     */
    private static SearchNodeProcess startSearch(Path projectRoot, Optional<Path> home) {
        Path jar = SearchNodeProcess.jar(projectRoot);
        AotCache.Plan plan;
        try {
            plan = new AotCache(jar, "search-node", SearchNodeProcess.java(), Runtime.version().feature(),
                    SearchNodeProcess.JVM_OPTIONS + "\n" + SearchNodeProcess.classPath(projectRoot))
                    .plan(Sha256.hex(Sha256.digest(Files.readAllBytes(jar))));
        } catch (IOException e) {
            plan = AotCache.Plan.NONE; // not built: the start below says so
        }
        AotCache.Plan aot = plan;
        SearchNodeProcess node = SearchNodeProcess.start(projectRoot, home, aot.jvmOptions(), line -> {
            if (aot.records()) {
                aot.recording().printed(line);
            }
        });
        if (aot.records()) {
            node.stopGrace(Duration.ofSeconds(60));
            node.onExit().thenRun(() -> aot.recording().finished());
        }
        return node;
    }

    /** Whether the template, with the parameters given, has search on. */
    static boolean searchEnabled(SamTemplate template) {
        return "enabled".equals(template.parameterValues().getOrDefault(SEARCH_PARAMETER, "disabled"));
    }

    private static LocalBackend startDatabase(Path projectRoot, DataOption data, SamTemplate template) {
        return switch (data) {
            case DataOption.InMemory m -> started(template, Dynalite.start(projectRoot, Optional.empty(), line -> { }),
                    new LocalSecrets(Optional.empty()));
            case DataOption.DataDir d -> started(template,
                    Dynalite.start(projectRoot, Optional.of(d.dir().resolve("dynamodb")), line -> { }),
                    new LocalSecrets(Optional.of(d.dir().resolve("secrets.properties"))));
            case DataOption.Endpoint e -> {
                boolean user = System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
                String region = Optional.ofNullable(System.getenv("AWS_REGION"))
                        .or(() -> Optional.ofNullable(System.getenv("AWS_DEFAULT_REGION")))
                        .filter(r -> user).orElse(LocalDynamoDb.REGION.id());
                LocalBackend backend = new LocalBackend(template, Optional.empty(), e.uri(), region, user,
                        new LocalSecrets(Optional.empty()));
                backend.createTable();
                yield backend;
            }
        };
    }

    private static LocalBackend started(SamTemplate template, DynamoDbEngine engine, LocalSecrets secrets) {
        try {
            LocalBackend backend = new LocalBackend(template, Optional.of(engine), engine.endpoint(),
                    LocalDynamoDb.REGION.id(), false, secrets);
            backend.createTable();
            return backend;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    URI endpoint() {
        return endpoint;
    }

    String tableName() {
        return tableName;
    }

    /** The search engine's URL, when search is on. */
    Optional<URI> searchUrl() {
        return search.map(SearchNodeProcess::url);
    }

    /** Where search runs, when it is on. */
    Optional<String> describeSearch() {
        return search.map(s -> "OpenSearch at " + s.url() + (s.isTemporary() ? " (in memory: nothing is kept)"
                : " (data in " + s.home() + ")"));
    }

    String describe() {
        return engine.map(e -> e.name() + " at " + endpoint).orElse("the endpoint " + endpoint)
                + ", table " + tableName;
    }

    /** The environment Lambda would give the function, pointed at the local stand-ins. */
    Map<String, String> functionEnvironment(FunctionSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(spec.resolvedEnvironment(resolver));
        // In AWS the function reads the cursor key from the secret CURSOR_SECRET_ID names; locally it gets the
        // local stand-in's value in the variable the template declares for local runs.
        if (env.containsKey(CURSOR_SIGNING_KEY) && env.containsKey(CURSOR_SECRET_ID)) {
            env.put(CURSOR_SIGNING_KEY, secrets.get(env.get(CURSOR_SECRET_ID)));
        }
        // In AWS the domain's endpoint; locally the node's (and, with search off, nothing to call).
        if (env.containsKey(SEARCH_ENDPOINT)) {
            env.put(SEARCH_ENDPOINT, searchUrl().map(URI::toString).orElse(""));
        }
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.logicalId());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memorySize()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.logicalId());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + spec.runtime());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint.toString());
        if (userCredentials) {
            for (String name : USER_AWS_VARIABLES) {
                Optional.ofNullable(System.getenv(name)).ifPresent(v -> env.put(name, v));
            }
        } else {
            env.put("AWS_ACCESS_KEY_ID", LocalDynamoDb.ACCESS_KEY_ID);
            env.put("AWS_SECRET_ACCESS_KEY", LocalDynamoDb.SECRET_ACCESS_KEY);
        }
        return env;
    }

    @Override
    public void close() {
        search.ifPresent(SearchNodeProcess::close);
        engine.ifPresent(DynamoDbEngine::close);
    }

    /**
     * Loads and links the SDK's request path (about 1,700 classes) on the calling thread, by one call that reaches
     * nothing (a closed loopback port, no retry): serve makes it while dynalite's Node starts.
     */
    static void warmUp() {
        try (DynamoDbClient client = LocalDynamoDb.builder(URI.create("http://127.0.0.1:9"))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
            client.describeTable(r -> r.tableName("warm-up"));
        } catch (RuntimeException expected) {
            // refused: the path is loaded
        }
    }

    private void createTable() {
        TableSpec table = template.table();
        try (DynamoDbClient client = client()) {
            TableFactory.createIfAbsent(client, table, tableName);
        }
    }

    private DynamoDbClient client() {
        if (!userCredentials) {
            return LocalDynamoDb.client(endpoint);
        }
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Every resource's Ref is its logical id locally (the table's name, the secret's id); Arns to match. */
    private Map<String, Object> localValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("AWS::Region", region);
        template.resourceTypes().forEach((id, type) -> {
            values.put(id, id);
            String arn = switch (type) {
                case SamTemplate.TABLE_TYPE -> "arn:aws:dynamodb:" + region + ":" + HttpApiEvent.ACCOUNT_ID + ":table/" + id;
                case SamTemplate.FUNCTION_TYPE, "AWS::Lambda::Function" ->
                        "arn:aws:lambda:" + region + ":" + HttpApiEvent.ACCOUNT_ID + ":function:" + id;
                case "AWS::SecretsManager::Secret" ->
                        "arn:aws:secretsmanager:" + region + ":" + HttpApiEvent.ACCOUNT_ID + ":secret:" + id;
                default -> "arn:aws:local:" + region + ":" + HttpApiEvent.ACCOUNT_ID + ":" + id;
            };
            values.put(id + ".Arn", arn);
            if (type.equals("AWS::OpenSearchService::Domain")) {
                // What SEARCH_ENDPOINT is built from in AWS; locally the node's URL replaces the variable (above).
                values.put(id + ".DomainEndpoint", Loopback.HOST);
            }
        });
        return values;
    }

    /** {@code {{resolve:secretsmanager:<secret>[:SecretString:...]}}} gives the local secret's value. */
    private String dynamicReference(String service, String key) {
        if (!service.equals("secretsmanager")) {
            throw new IllegalArgumentException("the local runtime has no stand-in for {{resolve:" + service + ":" + key
                    + "}}; only Secrets Manager references are resolved locally");
        }
        return secrets.get(key.split(":", 2)[0]);
    }
}
