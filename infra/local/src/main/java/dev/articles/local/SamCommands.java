package dev.articles.local;

import dev.articles.template.RouteSpec;
import dev.articles.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SAM CLI commands that use the database {@code dynamodb} runs: {@code sam build}, a {@code sam local
 * invoke} per event under {@code events/} (its function found from the event's routeKey, as the template
 * routes it) and {@code sam local start-api}, all with {@code --env-vars events/env.json}, which points the
 * functions at host.docker.internal. On Linux a container has no host.docker.internal unless told.
 */
final class SamCommands {

    static final String ENV_VARS = "events/env.json";
    /** Docker's name for the host's address as seen from a container; Docker Desktop defines it, Linux needs this. */
    static final String LINUX_ADD_HOST = "--add-host host.docker.internal:host-gateway";

    private SamCommands() {
    }

    static void print(LambdaLog log, SamTemplate template, Path projectRoot, String host) {
        boolean linux = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux");
        String extra = " --env-vars " + ENV_VARS + (linux ? " " + LINUX_ADD_HOST : "");
        log.info("Use it with the SAM CLI, from the project root (" + ENV_VARS + " names the table and the endpoint):");
        log.info("  sam build");
        for (Map.Entry<Path, String> event : events(projectRoot, template)) {
            log.info("  sam local invoke " + event.getValue() + " -e " + projectRoot.relativize(event.getKey())
                    .toString().replace('\\', '/') + extra);
        }
        log.info("  sam local start-api" + extra);
        if (linux && host.startsWith("127.")) {
            log.info("  Note: on Linux, containers reach the host through the docker0 bridge, not its loopback: restart"
                    + " with --host 172.17.0.1 (docker0's usual address) or --host 0.0.0.0 (every interface).");
        }
    }

    /** Each event file with a routeKey and the function the template routes it to, by file name. */
    private static List<Map.Entry<Path, String>> events(Path projectRoot, SamTemplate template) {
        Path dir = projectRoot.resolve("events");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted()
                    .flatMap(f -> function(f, template).map(fn -> Map.entry(f, fn)).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Optional<String> function(Path event, SamTemplate template) {
        Object routeKey;
        try {
            routeKey = PlainJson.parse(Files.readAllBytes(event)) instanceof Map<?, ?> map ? map.get("routeKey") : null;
        } catch (IOException | RuntimeException notAnEvent) {
            return Optional.empty();
        }
        if (!(routeKey instanceof String key)) {
            return Optional.empty(); // env.json and anything else that is not an API Gateway event
        }
        return template.routes().stream().filter(r -> key.equals(routeKeyOf(r))).map(RouteSpec::functionLogicalId)
                .findFirst();
    }

    private static String routeKeyOf(RouteSpec route) {
        return route.path().equals("$default") ? "$default" : route.method() + " " + route.path();
    }
}
