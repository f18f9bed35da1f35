package dev.articles.faultproxy;

import java.net.URI;

/**
 * Runs a fault proxy until the process is stopped:
 * {@code java -cp articles-fault-proxy.jar:JETTY_JARS dev.articles.faultproxy.FaultProxyMain --upstream URL [--port N]}
 * (Jetty's jars and slf4j-api: the module's runtime class path).
 * Faults are then injected through the control endpoint, e.g.
 * {@code curl -X POST 'http://127.0.0.1:N/__faults?fault=throttling&operation=PutItem&times=1'}.
 */
public final class FaultProxyMain {

    private FaultProxyMain() {}

    public static void main(String[] args) throws InterruptedException {
        URI upstream = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--upstream" -> upstream = URI.create(value(args, ++i));
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (upstream == null) {
            usage("--upstream is required");
        }
        FaultProxy proxy = FaultProxy.start(upstream, port);
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        // One line a launching script can wait for and parse.
        System.out.println("fault proxy listening on " + proxy.endpoint() + " for " + upstream);
        Thread.currentThread().join();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: FaultProxyMain --upstream http://127.0.0.1:PORT [--port N]");
        System.exit(2);
    }
}
