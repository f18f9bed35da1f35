package dev.articles.searchnode;

import dev.articles.lambdaruntime.ExitWithParent;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * A real OpenSearch node in this JVM, as the distribution runs one but without its launcher, its modules folder
 * or its security plugin: the server jar and the two plugins search needs given as classes (as OpenSearch's own
 * test framework's MockNode does), one node, HTTP on the loopback address only. Run as its own process by
 * {@link SearchNodeProcess}: {@code SearchNode HOME PORT} (port 0: any free one); it prints
 * {@value SearchNodeProcess#READY}{@code URL} once it answers, and ends when its parent does (its stdin closes).
 */
public final class SearchNode extends Node {

    static final String HOST = "127.0.0.1";
    /** Netty for HTTP and the node's transport; analysis-common for the english analyzer (stemming, stop words). */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4ModulePlugin.class,
            CommonAnalysisModulePlugin.class);

    private SearchNode(Settings settings) {
        super(InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "search-node"),
                PLUGINS.stream().map(SearchNode::classpathPlugin).toList(), true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SearchNode HOME PORT");
            System.exit(2);
        }
        // An orphan stops at once, without closing the node (each acknowledged write is already synced to its
        // translog): nobody waits for it. SIGKILL, because a JVM recording an AOT cache writes it even on halt
        // (a minute of an orphan here); halt where there is no kill command.
        ExitWithParent.watchStdin(SearchNode::killSelf);
        Path home = Path.of(args[0]).toAbsolutePath();
        SearchNode node = new SearchNode(settings(home, Integer.parseInt(args[1])));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // exiting anyway: the data is on disk (each write's translog is synced before it is acknowledged)
            }
        }, "stop search node"));
        node.start();
        int port = node.injector().getInstance(HttpServerTransport.class).boundAddress().publishAddress().getPort();
        URI url = URI.create("http://" + HOST + ":" + port);
        awaitAnswer(url);
        System.out.println(SearchNodeProcess.READY + url);
        // The node's threads are all daemons (the distribution's launcher keeps a thread alive for it): this one waits
        // until the JVM is ended, by SIGTERM or by its parent's exit.
        Thread.currentThread().join();
    }

    private static void killSelf() {
        try {
            new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
        } catch (IOException | InterruptedException noKillCommand) {
            // halt below
        }
        Runtime.getRuntime().halt(ExitWithParent.PARENT_GONE);
    }

    static Settings settings(Path home, int port) {
        return Settings.builder()
                .put("cluster.name", "articles-local")
                .put("node.name", "search-node")
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("discovery.type", "single-node")
                .put("network.host", HOST)
                .put("http.port", port)
                .put("transport.port", 0)
                .put("http.type", Netty4ModulePlugin.NETTY_HTTP_TRANSPORT_NAME)
                .put("transport.type", Netty4ModulePlugin.NETTY_TRANSPORT_NAME)
                // A developer's nearly full disk must not turn the index read-only.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
    }

    /** Started means listening; this waits until the cluster (of one) has a manager and answers with its health. */
    private static void awaitAnswer(URI url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.resolve("/_cluster/health?wait_for_status=green&timeout=30s")
                .toURL().openConnection();
        try {
            if (connection.getResponseCode() != 200) {
                throw new IOException("the node answered its health check with " + connection.getResponseCode());
            }
            connection.getInputStream().readAllBytes();
        } finally {
            connection.disconnect();
        }
    }

    private static PluginInfo classpathPlugin(Class<? extends Plugin> plugin) {
        return new PluginInfo(plugin.getName(), "classpath plugin", "NA", Version.CURRENT, "21", plugin.getName(),
                null, List.of(), false);
    }
}
