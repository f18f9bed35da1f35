package dev.articles.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Each function's deployable artifact: the shaded jar its CodeUri names, a zip that sam deploy uploads as it
 * is, so its size on disk is the upload size. Also names every HTTP client implementation inside it.
 */
public final class Artifacts {

    /** Package prefixes of the SDK's HTTP clients and the libraries under them. */
    private static final Map<String, String> HTTP_CLIENTS = new LinkedHashMap<>();

    static {
        HTTP_CLIENTS.put("software/amazon/awssdk/http/urlconnection/", "url-connection");
        HTTP_CLIENTS.put("software/amazon/awssdk/http/apache/", "apache-client");
        HTTP_CLIENTS.put("software/amazon/awssdk/http/apache5/", "apache5-client");
        HTTP_CLIENTS.put("software/amazon/awssdk/http/nio/netty/", "netty-nio-client");
        HTTP_CLIENTS.put("software/amazon/awssdk/http/crt/", "aws-crt-client");
        HTTP_CLIENTS.put("org/apache/http/", "Apache HttpClient 4");
        HTTP_CLIENTS.put("org/apache/hc/", "Apache HttpClient 5");
        HTTP_CLIENTS.put("io/netty/", "Netty");
    }

    public record Artifact(String function, Path jar, long bytes, int entries, List<String> httpClients) {}

    private Artifacts() {}

    /** Each function's jar, in template order. */
    public static List<Artifact> measure(List<BenchFunction> functions) {
        List<Artifact> artifacts = new ArrayList<>();
        for (BenchFunction function : functions) {
            try {
                artifacts.add(inspect(function.name(), function.artifact()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + function.artifact() + ": build first", e);
            }
        }
        return artifacts;
    }

    static Artifact inspect(String function, Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<String> names = zip.stream().map(e -> e.getName()).toList();
            List<String> clients = HTTP_CLIENTS.entrySet().stream()
                    .filter(c -> names.stream().anyMatch(n -> n.startsWith(c.getKey())))
                    .map(Map.Entry::getValue)
                    .toList();
            return new Artifact(function, jar, Files.size(jar), names.size(), clients);
        }
    }
}
