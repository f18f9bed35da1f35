package dev.articles.local;

import dev.articles.dynalite.Loopback;
import dev.articles.template.ProjectRoot;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line of articles-local.jar. */
final class CommandLine {

    static final String USAGE = """
            usage:
              java -jar infra/local/target/articles-local.jar serve [--port N] [--data-dir DIR | --in-memory]
                  [--dynamodb-endpoint URL] [--template FILE] [--parameter NAME=VALUE ...] [--auth]
                  [--runtime-client aws|portable|auto] [--seed]
              java -jar infra/local/target/articles-local.jar seed [--url URL [--token JWT]]
                  [--data-dir DIR | --dynamodb-endpoint URL] [--template FILE] [--parameter NAME=VALUE ...]
                  [--runtime-client aws|portable|auto]
              java -jar infra/local/target/articles-local.jar invoke <FunctionLogicalId> -e EVENT.json
                  [--data-dir DIR | --in-memory] [--dynamodb-endpoint URL] [--template FILE] [--parameter NAME=VALUE ...]
                  [--runtime-client aws|portable|auto]
              java -jar infra/local/target/articles-local.jar dynamodb [--port 8000] [--host 127.0.0.1]
                  [--data-dir DIR | --in-memory] [--table articles] [--template FILE]
            Run from the project root. Data persists in .local-data/ unless --in-memory or --dynamodb-endpoint.
            --parameter sets a template parameter (as sam's --parameter-overrides), e.g. JwtIssuer=https://... ;
            --auth starts a local token issuer, sets JwtIssuer and JwtAudience to it and prints a token.
            --seed (serve) and seed load a few dozen sample articles through the API, once (a rerun adds nothing):
            seed --url writes to a running API (--token for one that authenticates writes), seed alone starts the
            API on the data (.local-data/ or --data-dir) for as long as it takes.
            --runtime-client: what runs the handlers in the function JVMs: aws (AWS's runtime interface client,
            Linux x86_64/arm64 only: it loads a native library) or portable (plain Java, any OS); auto (default)
            takes aws where it can load.
            dynamodb runs only the local DynamoDB engine (dynalite) with the template's table, for the SAM CLI
            (`sam local invoke|start-api --env-vars events/env.json`), and prints the commands to use with it.
            --host 127.0.0.1 (default) keeps it to this machine; Docker Desktop (macOS, Windows) reaches it there
            as host.docker.internal. On Linux, containers reach the host through the docker0 bridge: listen there
            (--host 172.17.0.1) or on every interface (--host 0.0.0.0, which opens it to your network too).""";

    /** The template parameters --auth sets: the issuer and audience of the template's JWT authorizer. */
    static final String ISSUER_PARAMETER = "JwtIssuer";
    static final String AUDIENCE_PARAMETER = "JwtAudience";
    /** The template parameter serve without --auth sets to public, unless given: writes need no token locally. */
    static final String WRITE_ACCESS_PARAMETER = "WriteAccess";

    static final int DEFAULT_PORT = 3000;

    /**
     * @param devIssuer {@code --auth}: serve tokens of a local issuer
     * @param seed      {@code --seed}: load the sample articles before it is ready
     */
    record Serve(int port, DataOption data, Path template, Path projectRoot, Map<String, String> parameters,
                 boolean devIssuer, LambdaRuntimeClient.Kind runtimeClient, boolean seed) {
    }

    /** {@code seed}: the sample articles into the API at {@code api}, else into a serve of {@code local} started for it. */
    record Seed(Optional<URI> api, Optional<String> token, Serve local) {
    }

    record Invoke(String function, Path event, DataOption data, Path template, Path projectRoot,
                  Map<String, String> parameters, LambdaRuntimeClient.Kind runtimeClient) {
    }

    /** {@code dynamodb}: only the engine, on {@code host:port}, with the template's table named {@code table}. */
    record DynamoDb(String host, int port, DataOption data, String table, Path template, Path projectRoot) {
    }

    /** The table name {@code events/env.json} gives the functions for the SAM CLI. */
    static final String DEFAULT_TABLE = "articles";
    static final int DEFAULT_DYNAMODB_PORT = 8000;

    private CommandLine() {
    }

    /** Parses {@code serve ...}, {@code seed ...}, {@code invoke ...} or {@code dynamodb ...}; throws IllegalArgumentException saying what is wrong. */
    static Object parse(List<String> arguments) {
        Deque<String> args = new ArrayDeque<>(arguments);
        String command = args.poll();
        if (command == null) {
            throw new IllegalArgumentException("no command given");
        }
        String function = null;
        boolean dynamoDb = command.equals("dynamodb");
        boolean seedCommand = command.equals("seed");
        if (command.equals("invoke")) {
            function = args.poll();
            if (function == null || function.startsWith("-")) {
                throw new IllegalArgumentException("invoke needs the function's logical id, e.g. GetArticleFunction");
            }
        } else if (!command.equals("serve") && !dynamoDb && !seedCommand) {
            throw new IllegalArgumentException("unknown command " + command);
        }
        int port = dynamoDb ? DEFAULT_DYNAMODB_PORT : DEFAULT_PORT;
        String host = Loopback.HOST;
        String table = DEFAULT_TABLE;
        Optional<DataOption> data = Optional.empty();
        Optional<Path> template = Optional.empty();
        Optional<Path> event = Optional.empty();
        Map<String, String> parameters = new LinkedHashMap<>();
        boolean devIssuer = false;
        boolean seed = false;
        Optional<URI> api = Optional.empty();
        Optional<String> token = Optional.empty();
        LambdaRuntimeClient.Kind runtimeClient = LambdaRuntimeClient.Kind.AUTO;
        while (!args.isEmpty()) {
            String option = args.poll();
            switch (option) {
                case "--port" -> port = port(seedCommand ? refused(option) : value(args, option));
                case "--seed" -> {
                    if (seedCommand || function != null || dynamoDb) {
                        refused(option);
                    }
                    seed = true;
                }
                case "--url" -> api = Optional.of(url(seedCommand ? value(args, option) : refused(option)));
                case "--token" -> token = Optional.of(seedCommand ? value(args, option) : refused(option));
                case "--data-dir" -> data = exclusive(data, new DataOption.DataDir(Path.of(value(args, option)).toAbsolutePath()));
                case "--in-memory" -> data = exclusive(data, new DataOption.InMemory());
                case "--dynamodb-endpoint" -> data = exclusive(data, new DataOption.Endpoint(endpoint(value(args, option))));
                case "--template" -> template = Optional.of(Path.of(value(args, option)).toAbsolutePath());
                case "--parameter" -> parameter(parameters, value(args, option));
                case "--host" -> host = dynamoDbOnly(dynamoDb, option, value(args, option));
                case "--table" -> table = dynamoDbOnly(dynamoDb, option, value(args, option));
                case "--runtime-client" -> runtimeClient = LambdaRuntimeClient.Kind.parse(value(args, option));
                case "--auth" -> {
                    if (function != null || seedCommand) {
                        throw new IllegalArgumentException("--auth is an option of serve");
                    }
                    devIssuer = true;
                }
                case "-e", "--event" -> {
                    if (function == null) {
                        throw new IllegalArgumentException(option + " is an option of invoke");
                    }
                    event = Optional.of(Path.of(value(args, option)));
                }
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        Path templateFile = template.orElseGet(ProjectRoot::template);
        if (!Files.isRegularFile(templateFile)) {
            throw new IllegalArgumentException("no template at " + templateFile);
        }
        Path root = projectRoot(templateFile);
        DataOption chosen = data.orElseGet(() -> DataOption.defaultFor(root));
        if (devIssuer && (parameters.containsKey(ISSUER_PARAMETER) || parameters.containsKey(AUDIENCE_PARAMETER))) {
            throw new IllegalArgumentException("--auth sets " + ISSUER_PARAMETER + " and " + AUDIENCE_PARAMETER
                    + " itself: give either --auth or those parameters");
        }
        if (dynamoDb) {
            if (chosen instanceof DataOption.Endpoint || devIssuer || !parameters.isEmpty()) {
                throw new IllegalArgumentException("dynamodb takes --port, --host, --data-dir or --in-memory, --table"
                        + " and --template");
            }
            return new DynamoDb(host, port, chosen, table, templateFile, root);
        }
        if (seedCommand) {
            if (api.isPresent() && (data.isPresent() || template.isPresent() || !parameters.isEmpty())) {
                throw new IllegalArgumentException("seed --url writes to that API: --data-dir, --dynamodb-endpoint,"
                        + " --template and --parameter are for the API seed starts itself");
            }
            if (token.isPresent() && api.isEmpty()) {
                throw new IllegalArgumentException("--token is for seed --url (the API seed starts itself needs none)");
            }
            if (chosen instanceof DataOption.InMemory) {
                throw new IllegalArgumentException("seed --in-memory would keep nothing: serve --in-memory --seed");
            }
            return new Seed(api, token, new Serve(0, chosen, templateFile, root, parameters, false, runtimeClient, false));
        }
        if (function == null) {
            return new Serve(port, chosen, templateFile, root, parameters, devIssuer, runtimeClient, seed);
        }
        Path eventFile = event.orElseThrow(() -> new IllegalArgumentException("invoke needs -e EVENT.json"));
        if (!Files.isRegularFile(eventFile)) {
            throw new IllegalArgumentException("no event file " + eventFile);
        }
        return new Invoke(function, eventFile, chosen, templateFile, root, parameters, runtimeClient);
    }

    /** The project (where dynalite is installed and data is kept): from the working directory, else the template's. */
    private static Path projectRoot(Path templateFile) {
        try {
            return ProjectRoot.find();
        } catch (IllegalStateException notInProject) {
            return templateFile.getParent();
        }
    }

    /** An option the command does not take. */
    private static String refused(String option) {
        throw new IllegalArgumentException(option + " is not an option of this command");
    }

    private static String dynamoDbOnly(boolean dynamoDb, String option, String value) {
        if (!dynamoDb) {
            throw new IllegalArgumentException(option + " is an option of dynamodb");
        }
        return value;
    }

    private static String value(Deque<String> args, String option) {
        String value = args.poll();
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a port number (0 for any free one), got " + value);
        }
    }

    private static void parameter(Map<String, String> parameters, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--parameter needs NAME=VALUE, got " + assignment);
        }
        if (parameters.putIfAbsent(assignment.substring(0, eq), assignment.substring(eq + 1)) != null) {
            throw new IllegalArgumentException("--parameter " + assignment.substring(0, eq) + " is given twice");
        }
    }

    private static URI url(String value) {
        URI uri = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url needs the API's base URL such as http://127.0.0.1:3000, got " + value);
        }
        return uri;
    }

    private static URI endpoint(String value) {
        URI uri = URI.create(value);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--dynamodb-endpoint needs a URL such as http://127.0.0.1:8000, got " + value);
        }
        return uri;
    }

    private static Optional<DataOption> exclusive(Optional<DataOption> earlier, DataOption next) {
        if (earlier.isPresent()) {
            throw new IllegalArgumentException("--data-dir, --in-memory and --dynamodb-endpoint exclude each other");
        }
        return Optional.of(next);
    }
}
