package dev.articles.local;

import dev.articles.dynalite.ChildProcess;
import dev.articles.dynalite.Dynalite;
import dev.articles.dynalite.LocalDynamoDb;
import dev.articles.dynalite.Loopback;
import dev.articles.dynalite.TableFactory;
import dev.articles.jwt.DevIssuer;
import dev.articles.lambdaruntime.ExitWithParent;
import dev.articles.local.launcher.Launcher;
import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code serve} and {@code invoke}: the local API and single invocations, from template.yaml; {@code seed}: sample
 * articles through the API; {@code dynamodb}: only the database, for the SAM CLI.
 */
public final class Main {

    /** The most instances of one function at once; more concurrent requests wait for one. */
    static final int MAX_INSTANCES = Integer.getInteger("articles.local.maxInstances", 4);
    /** Who --auth's token is for; an article created with it and no author is credited to the name. */
    static final String DEV_AUDIENCE = "articles-local";
    static final String DEV_SUBJECT = "local-developer";
    static final String DEV_NAME = "Local Developer";
    /** Who --auth's editor token is for: another subject, so it edits articles only because of its scope. */
    static final String DEV_EDITOR_SUBJECT = "local-editor";
    static final String DEV_EDITOR_NAME = "Local Editor";
    /** The template parameter whose scope makes a token an editor's (may edit and delete any article). */
    static final String EDITOR_SCOPE_PARAMETER = "EditorScope";
    /** What GET /docs shows, relative to the project root. */
    static final String OPENAPI_DOCUMENT = "docs/openapi.yaml";
    /** Instances idle this long are stopped (Lambda keeps them minutes to hours; we free the laptop sooner). */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(Long.getLong("articles.local.idleSeconds", 300));

    private Main() {
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean(Launcher.EXIT_WITH_PARENT_PROPERTY)) {
            // Re-executed by the launcher: end with it, whatever ends it, and at once: an orphan has no one to wait for
            // (a function JVM recording its AOT cache is killed rather than left to write it).
            ExitWithParent.watchStdin(ChildProcess::killAtExit);
        }
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(CommandLine.USAGE);
            System.exit(args.length == 0 ? 2 : 0);
        }
        try {
            Object command = CommandLine.parse(List.of(args));
            switch (command) {
                case CommandLine.Serve serve -> serve(serve);
                case CommandLine.Seed seed -> seed(seed);
                case CommandLine.Invoke invoke -> System.exit(invoke(invoke));
                case CommandLine.DynamoDb dynamoDb -> dynamoDb(dynamoDb);
                default -> throw new IllegalStateException();
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
        } catch (IllegalStateException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void serve(CommandLine.Serve options) {
        LambdaLog log = new LambdaLog(System.out);
        LocalApi api = start(options, log);
        SamTemplate template = api.template();
        HttpApiServer server = api.server();
        CountDownLatch stopped = onStop(log, api.backend().searchUrl().isPresent()
                ? "stopping: the server, every function instance, the database and the search engine"
                : "stopping: the server, every function instance and the database", api::close);

        log.info("articles-local: the API of " + options.template() + " at " + server.baseUrl());
        for (RouteSpec route : template.routes()) {
            FunctionArtifact artifact = api.functions().pool(route.functionLogicalId()).artifact();
            String artifactNote = artifact.exists() ? "" : "   (" + artifact.buildHint() + ")";
            String auth = api.authorization().describe(route).map(a -> "   (" + a + ")").orElse("");
            log.info(String.format(Locale.ROOT, "  %-7s %-18s -> %s%s%s", route.method(), route.path(),
                    route.functionLogicalId(), auth, artifactNote));
        }
        template.cors().ifPresent(c -> log.info("  CORS: origins " + c.allowOrigins() + ", methods " + c.allowMethods()));
        log.info("  DynamoDB: " + api.backend().describe() + describe(options.data()));
        api.backend().describeSearch().ifPresent(search -> log.info("  Search: " + search));
        api.triggers().describe().forEach(trigger -> log.info("  Trigger: " + trigger));
        log.info("  Functions run on the " + api.functions().runtimeClient().label() + " runtime client");
        log.info("  API reference (" + OPENAPI_DOCUMENT + " in Swagger UI, Try it out calls this server): " + server.baseUrl()
                + ApiReference.PATH);
        Optional<String> editorScope = Optional.ofNullable(template.parameterValues().get(EDITOR_SCOPE_PARAMETER));
        api.devIssuer().ifPresent(issuer -> printToken(log, issuer, server.baseUrl(), editorScope));
        if (options.seed()) {
            // With --auth the articles are the printed token's subject's, so that token may edit them.
            new DemoArticles(server.baseUrl(), api.devIssuer().map(issuer -> issuer.mint(DEV_SUBJECT, DEV_NAME))).load(log::info);
        }
        log.info("Ready: " + server.baseUrl() + " (Ctrl-C stops everything)");
        awaitStop(stopped);
    }

    /** The local API as serve runs it: the database, the function pools, the gateway and, with --auth, the issuer. */
    private record LocalApi(SamTemplate template, JwtAuthorization authorization, LocalBackend backend,
                            LocalFunctions functions, HttpApiServer server, Optional<DevIssuer> devIssuer,
                            ScheduledExecutorService reaper, LocalTriggers triggers) implements AutoCloseable {
        @Override
        public void close() {
            reaper.shutdownNow(); // the idle reaper's and the triggers' thread pool

            server.close();
            functions.close();
            backend.close();
            devIssuer.ifPresent(DevIssuer::close);
        }
    }

    private static LocalApi start(CommandLine.Serve options, LambdaLog log) {
        // The SDK's and Jetty's classes load while dynalite's Node starts, instead of after it (infra/local/README.md).
        Thread.ofPlatform().daemon().name("warm-up").start(() -> {
            LocalBackend.warmUp();
            GatewayHttpServer.warmUp();
        });
        SamTemplate declared = SamTemplate.load(options.template()); // read once: the overrides below are applied to it
        Optional<DevIssuer> devIssuer = options.devIssuer() ? Optional.of(DevIssuer.start(DEV_AUDIENCE)) : Optional.empty();
        Map<String, String> parameters = new LinkedHashMap<>(options.parameters());
        devIssuer.ifPresent(issuer -> {
            parameters.put(CommandLine.ISSUER_PARAMETER, issuer.issuer());
            parameters.put(CommandLine.AUDIENCE_PARAMETER, issuer.audience());
        });
        // Without --auth or an issuer, writes stay open (as sam local start-api skips JWT authorizers): curl
        // needs no token. With either, the authorizer is enforced as deployed.
        if (!parameters.containsKey(CommandLine.ISSUER_PARAMETER) && declared.parameters().stream()
                .anyMatch(p -> p.name().equals(CommandLine.WRITE_ACCESS_PARAMETER))) {
            parameters.putIfAbsent(CommandLine.WRITE_ACCESS_PARAMETER, "public");
        }
        SamTemplate template = declared.withParameters(parameters);
        JwtAuthorization authorization = new JwtAuthorization(template); // refuses what it cannot enforce, before anything starts
        LocalBackend backend = LocalBackend.start(options.projectRoot(), options.data(), template);
        LocalFunctions functions;
        try {
            functions = new LocalFunctions(template, backend, log, MAX_INSTANCES, options.runtimeClient());
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        // The idle reaper, and the functions no route reaches (the search indexer) after each write and on their schedules.
        ScheduledExecutorService reaper = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().factory());
        HttpApiServer server;
        LocalTriggers triggers;
        try {
            triggers = new LocalTriggers(template, reaper, Clock.systemUTC(), (id, event) -> {
                        InvocationResult result = functions.pool(id).invoke(event);
                        String failure = switch (result) {
                            case InvocationResult.Response r -> "";
                            case InvocationResult.FunctionError e -> new String(e.payload(), StandardCharsets.UTF_8);
                            case InvocationResult.TimedOut t -> "timed out after " + t.timeoutSeconds() + " s";
                            case InvocationResult.Crashed c -> c.reason();
                        };
                        if (!failure.isEmpty()) {
                            log.note(id, "triggered run failed: " + failure);
                        }
                    });
            server = new HttpApiServer(options.port(), new Router(template.routes()), authorization,
                    template.cors().map(CorsPolicy::new), functions.pools(), log,
                    new ApiReference(options.projectRoot().resolve(OPENAPI_DOCUMENT)), triggers::written);
        } catch (RuntimeException e) {
            reaper.shutdownNow();
            functions.close();
            backend.close();
            throw e;
        }
        reaper.scheduleWithFixedDelay(() -> functions.stopIdle(IDLE_TIMEOUT), 10, 10, TimeUnit.SECONDS);
        return new LocalApi(template, authorization, backend, functions, server, devIssuer, reaper, triggers.start(reaper));
    }

    /** {@code seed}: into the API at --url, else into one started on the data for as long as it takes (its logs on stderr). */
    private static void seed(CommandLine.Seed options) {
        if (options.api().isPresent()) {
            new DemoArticles(options.api().get(), options.token()).load(System.out::println);
            return;
        }
        try (LocalApi api = start(options.local(), new LambdaLog(System.err))) {
            new DemoArticles(api.server().baseUrl(), Optional.empty()).load(System.out::println);
        }
    }

    private static int invoke(CommandLine.Invoke options) {
        LambdaLog log = new LambdaLog(System.err); // stdout carries only the function's response
        SamTemplate template = SamTemplate.load(options.template(), options.parameters());
        template.function(options.function()); // fails early, naming the functions there are
        byte[] event;
        try {
            event = Files.readAllBytes(options.event());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + options.event(), e);
        }
        try (LocalBackend backend = LocalBackend.start(options.projectRoot(), options.data(), template);
             LocalFunctions functions = new LocalFunctions(template, backend, log, 1, options.runtimeClient())) {
            FunctionPool pool = functions.pool(options.function());
            if (!pool.artifact().exists()) {
                throw new IllegalStateException(pool.artifact().buildHint());
            }
            InvocationResult result = pool.invoke(event);
            return switch (result) {
                case InvocationResult.Response r -> print(r.payload(), 0);
                case InvocationResult.FunctionError e -> print(e.payload(), 1);
                case InvocationResult.TimedOut t -> {
                    System.err.println("error: the function timed out after " + t.timeoutSeconds() + " s");
                    yield 1;
                }
                case InvocationResult.Crashed c -> {
                    System.err.println("error: " + c.reason());
                    yield 1;
                }
            };
        }
    }

    /** Runs dynalite with the template's table until Ctrl-C or SIGTERM, printing the SAM CLI commands that use it. */
    private static void dynamoDb(CommandLine.DynamoDb options) {
        LambdaLog log = new LambdaLog(System.out);
        SamTemplate template = SamTemplate.load(options.template());
        Optional<Path> dir = switch (options.data()) {
            case DataOption.DataDir d -> Optional.of(d.dir().resolve("dynamodb"));
            default -> Optional.empty();
        };
        int port = options.port() == 0 ? Loopback.freePort() : options.port();
        Dynalite dynalite = Dynalite.listen(options.projectRoot(), dir, options.host(), port, line -> { });
        try (DynamoDbClient client = LocalDynamoDb.client(dynalite.endpoint())) {
            TableFactory.createIfAbsent(client, template.table(), options.table());
        } catch (RuntimeException e) {
            dynalite.close();
            throw e;
        }
        CountDownLatch stopped = onStop(log, "stopping dynalite", dynalite::close);
        log.info("DynamoDB (dynalite) at http://" + options.host() + ":" + port + ", table " + options.table()
                + describe(options.data()) + "; credentials: any, region: any");
        SamCommands.print(log, template, options.projectRoot(), options.host());
        log.info("Ready: " + dynalite.endpoint() + " (Ctrl-C stops it)");
        awaitStop(stopped);
    }

    /** At Ctrl-C or SIGTERM: says {@code message}, runs {@code stop}, then opens the latch returned. */
    private static CountDownLatch onStop(LambdaLog log, String message, Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info(message);
            stop.run();
            stopped.countDown();
        }, "articles-local shutdown"));
        return stopped;
    }

    private static void awaitStop(CountDownLatch stopped) {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What --auth is for: a token to paste, and the request to paste it into. */
    private static void printToken(LambdaLog log, DevIssuer issuer, URI baseUrl, Optional<String> editorScope) {
        log.info("  Auth (--auth): tokens from the local issuer " + issuer.issuer() + " for audience " + issuer.audience()
                + "; reads need none. A token valid for " + DevIssuer.TOKEN_LIFETIME.toMinutes() + " minutes (sub "
                + DEV_SUBJECT + ", name \"" + DEV_NAME + "\"):");
        log.info("    export TOKEN=" + issuer.mint(DEV_SUBJECT, DEV_NAME));
        log.info("    curl -i -X POST " + baseUrl + "/articles -H \"Authorization: Bearer $TOKEN\""
                + " -H 'Content-Type: application/json' -d '{\"title\":\"Hello\",\"body\":\"Written on my laptop.\"}'");
        editorScope.ifPresent(scope -> {
            log.info("  An editor's token (sub " + DEV_EDITOR_SUBJECT + ", scope " + scope + "): may edit and delete any article:");
            log.info("    export EDITOR_TOKEN=" + issuer.mint(DEV_EDITOR_SUBJECT, DEV_EDITOR_NAME, scope));
        });
    }

    private static int print(byte[] payload, int exitCode) {
        System.out.write(payload, 0, payload.length);
        System.out.println();
        System.out.flush();
        return exitCode;
    }

    private static String describe(DataOption data) {
        return switch (data) {
            case DataOption.InMemory m -> " (in memory: nothing is kept)";
            case DataOption.DataDir d -> " (data in " + d.dir() + ")";
            case DataOption.Endpoint e -> "";
        };
    }
}
