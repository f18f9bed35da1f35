package dev.articles.bench;

import dev.articles.bench.direct.DirectInvoke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a direct cold start's time goes: one fresh JVM of the function (as {@link DirectColdStart} starts it, the
 * template's options) with {@code -Xlog:class+load} on stdout, each class load timestamped by the JVM, grouped by
 * the library it belongs to and by phase: the handler's construction (Lambda's init) and the first request.
 * A class's time is the gap from the previous class load to its own: loading, linking and static initialisers,
 * and whatever ran in between, charged to the class whose load ends the gap. Logging every class slows the JVM
 * down a little; compare the groups' shares, not these times with the cold-start table's.
 */
public final class ColdProfile {

    /** Package prefixes, the first that matches names the group; hidden classes (lambdas) go with their host. */
    static final List<List<String>> GROUPS = List.of(
            List.of("our code", "dev.articles."),
            List.of("jackson-core (our JSON)", "com.fasterxml.jackson."),
            List.of("Lambda's handler interfaces", "com.amazonaws.services.lambda."),
            List.of("SDK: DynamoDB model", "software.amazon.awssdk.services.dynamodb.model."),
            List.of("SDK: endpoint rules", "software.amazon.awssdk.services.dynamodb.endpoints.",
                    "software.amazon.awssdk.awscore.endpoints.", "software.amazon.awssdk.core.rules.",
                    "software.amazon.awssdk.regions.partitionmetadata.", "software.amazon.awssdk.endpoints."),
            List.of("SDK: DynamoDB client, marshallers", "software.amazon.awssdk.services.dynamodb."),
            List.of("SDK: JSON protocol (and its Jackson)", "software.amazon.awssdk.protocols.",
                    "software.amazon.awssdk.thirdparty.jackson."),
            List.of("SDK: HTTP client (URLConnection)", "software.amazon.awssdk.http.urlconnection."),
            List.of("SDK: signing, identity, credentials", "software.amazon.awssdk.http.auth.",
                    "software.amazon.awssdk.auth.", "software.amazon.awssdk.identity."),
            List.of("SDK: regions, service metadata", "software.amazon.awssdk.regions."),
            List.of("SDK: profiles (config files)", "software.amazon.awssdk.profiles."),
            List.of("SDK: retries", "software.amazon.awssdk.retries."),
            List.of("SDK: checksums", "software.amazon.awssdk.checksums."),
            List.of("SDK: metrics", "software.amazon.awssdk.metrics."),
            List.of("SDK: core, HTTP abstractions, utils", "software.amazon.awssdk."),
            List.of("SLF4J", "org.slf4j."),
            List.of("CRaC", "org.crac."),
            List.of("JDK: networking, TLS, crypto", "java.net.", "sun.net.", "javax.net.", "sun.security.",
                    "javax.crypto.", "com.sun.crypto.", "jdk.internal.net."),
            List.of("JDK: lambdas, method handles, reflection", "java.lang.invoke.", "jdk.internal.reflect.",
                    "java.lang.reflect.", "jdk.internal.vm.", "sun.invoke."),
            List.of("JDK: other", "java.", "javax.", "jdk.", "sun.", "com.sun."),
            List.of("other"));

    /** A DynamoDB function and the floor beside it, the fallback (no SDK). */
    static final java.util.Set<String> FUNCTIONS = java.util.Set.of("get-article", "route-fallback");

    static final List<String> PHASES = List.of("init", "first");

    /** {@code [123456789ns] java.lang.Object source: shared objects file}. */
    private static final Pattern LOAD = Pattern.compile("^\\[(\\d+)ns\\] (\\S+) source: (.*)$");

    /** Classes and milliseconds of one group in one phase, medians over the runs. */
    public record Cell(double classes, double millis) {}

    /** One function's profile: per group, one cell per phase of {@link #PHASES}. */
    public record Result(BenchFunction function, int runs, Map<String, List<Cell>> groups) {
        public Cell total(int phase) {
            return new Cell(groups.values().stream().mapToDouble(c -> c.get(phase).classes()).sum(),
                    groups.values().stream().mapToDouble(c -> c.get(phase).millis()).sum());
        }
    }

    private ColdProfile() {}

    public static Result measure(DirectColdStart direct, BenchFunction function, int runs) {
        List<Map<String, double[][]>> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(once(direct, function));
        }
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (List<String> group : GROUPS) {
            String name = group.getFirst();
            List<Cell> cells = new ArrayList<>();
            for (int phase = 0; phase < PHASES.size(); phase++) {
                int p = phase;
                cells.add(new Cell(Stats.median(samples.stream().map(s -> s.get(name)[p][0]).toList()),
                        Stats.median(samples.stream().map(s -> s.get(name)[p][1]).toList())));
            }
            groups.put(name, cells);
        }
        return new Result(function, runs, groups);
    }

    /** Per group name, per phase: {classes, milliseconds}. */
    private static Map<String, double[][]> once(DirectColdStart direct, BenchFunction function) {
        Map<String, double[][]> byGroup = new LinkedHashMap<>();
        GROUPS.forEach(g -> byGroup.put(g.getFirst(), new double[PHASES.size()][2]));
        int[] phase = {-1}; // before main: the JVM's own start, not profiled
        long[] previous = {-1};
        direct.run(function, JvmLevers.TEMPLATE, List.of("-Xlog:class+load=info:stdout:uptimenanos"), 0, line -> {
            if (line.startsWith(DirectInvoke.MARKER)) {
                String marker = line.substring(DirectInvoke.MARKER.length()).split(" ")[0];
                phase[0] = switch (marker) {
                    case "main" -> 0; // from main to the handler built: init
                    case "init" -> 1; // then the first request
                    default -> -1;
                };
                return;
            }
            Matcher load = LOAD.matcher(line);
            if (!load.matches()) {
                return;
            }
            long at = Long.parseLong(load.group(1));
            if (phase[0] >= 0 && previous[0] >= 0) {
                double[] cell = byGroup.get(group(load.group(2)))[phase[0]];
                cell[0]++;
                cell[1] += (at - previous[0]) / 1e6;
            }
            previous[0] = at;
        });
        return byGroup;
    }

    static String group(String className) {
        for (List<String> group : GROUPS) {
            for (String prefix : group.subList(1, group.size())) {
                if (className.startsWith(prefix)) {
                    return group.getFirst();
                }
            }
        }
        return "other";
    }
}
