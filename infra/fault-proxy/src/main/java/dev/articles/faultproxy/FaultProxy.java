package dev.articles.faultproxy;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * An HTTP proxy in front of a DynamoDB endpoint that answers chosen requests with real DynamoDB faults.
 * Every other request goes upstream byte for byte, so the SDK's signature and Host header arrive as sent.
 * Requests to {@code /__faults} are the control endpoint (see {@link FaultControl}).
 */
public final class FaultProxy implements AutoCloseable {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";

    private volatile URI upstream;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final List<ArmedFault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> injected = new ConcurrentHashMap<>();
    private final FaultControl control = new FaultControl(this);

    /**
     * A fault with the matching requests it still lets pass and its remaining uses, both claimed atomically so
     * concurrent requests never overshoot {@code after} or {@code times}, and the requests it hit.
     */
    private record ArmedFault(Fault fault, AtomicInteger passing, AtomicInteger remaining, LongAdder hits) {
        boolean claim(String operation, String body) {
            if (!fault.hits(operation, body)) {
                return false;
            }
            if (passing.getAndUpdate(p -> Math.max(p - 1, 0)) > 0) {
                return false;
            }
            return fault.times() == Fault.UNLIMITED || remaining.getAndUpdate(r -> Math.max(r - 1, 0)) > 0;
        }
    }

    private FaultProxy(URI upstream, ServerSocket server) {
        this.upstream = upstream;
        this.server = server;
    }

    /** Starts a proxy for {@code upstream} (an {@code http} URI) on a free loopback port. */
    public static FaultProxy start(URI upstream) {
        return start(upstream, 0);
    }

    /** Starts a proxy for {@code upstream} on the given loopback port (0: a free one). */
    public static FaultProxy start(URI upstream, int port) {
        requireHttp(upstream);
        try {
            var server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            var proxy = new FaultProxy(upstream, server);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port, e);
        }
    }

    /**
     * Sends later requests to another upstream (an engine restarted on another port), on the same port: clients
     * keep their endpoint, and no other socket can take the port in between, as it could if we listened anew.
     */
    public void retarget(URI newUpstream) {
        requireHttp(newUpstream);
        upstream = newUpstream;
    }

    private static void requireHttp(URI upstream) {
        if (!"http".equals(upstream.getScheme()) || upstream.getHost() == null) {
            throw new IllegalArgumentException("upstream must be an http URI with a host: " + upstream);
        }
    }

    /** The URI clients use instead of the upstream's, e.g. as the SDK's endpoint override. */
    public URI endpoint() {
        return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    /** Arms a fault; when several hit a request, the one injected first applies. */
    public void inject(Fault fault) {
        faults.add(new ArmedFault(fault, new AtomicInteger(fault.after()), new AtomicInteger(fault.times()), new LongAdder()));
    }

    /** Removes every fault and zeroes the counters. */
    public void clear() {
        faults.clear();
        requests.clear();
        injected.clear();
    }

    /** What the proxy saw for one operation, e.g. {@code PutItem}. */
    public OperationCounts counts(String operation) {
        return new OperationCounts(count(requests, operation), count(injected, operation));
    }

    /**
     * The requests this fault hit since it was armed: where several markers (zero delays) tell requests apart by
     * their body, e.g. which index a Query reads, each one's count.
     */
    public long hits(Fault fault) {
        return faults.stream().filter(f -> f.fault().equals(fault)).mapToLong(f -> f.hits().sum()).sum();
    }

    /** What the proxy saw, per operation, sorted by name. */
    public Map<String, OperationCounts> counts() {
        var all = new TreeMap<String, OperationCounts>();
        requests.keySet().forEach(operation -> all.put(operation, counts(operation)));
        return all;
    }

    private static long count(Map<String, LongAdder> counters, String operation) {
        LongAdder counter = counters.get(operation);
        return counter == null ? 0 : counter.sum();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway: nothing more to do with a server socket that fails to close.
        }
        clients.forEach(FaultProxy::closeQuietly);
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                clients.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            Optional<HttpMessage> next;
            while ((next = HttpMessage.readRequest(in)).isPresent()) {
                HttpMessage request = next.get();
                boolean keepOpen = FaultControl.isControl(request)
                        ? answer(out, control.handle(request))
                        : proxy(request, out);
                if (!keepOpen || request.closesConnection()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the proxy is closing: this connection is done either way.
        } finally {
            clients.remove(client);
        }
    }

    /** Handles one DynamoDB request; false when the connection must end. */
    private boolean proxy(HttpMessage request, OutputStream out) throws IOException, InterruptedException {
        String operation = request.header("X-Amz-Target")
                .map(target -> target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target)
                .orElse("");
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
        String body = request.bodyText();
        Optional<ArmedFault> armed = faults.stream().filter(f -> f.claim(operation, body)).findFirst();
        armed.ifPresent(f -> {
            injected.computeIfAbsent(operation, k -> new LongAdder()).increment();
            f.hits().increment();
        });
        Optional<Fault> hit = armed.map(ArmedFault::fault);
        switch (hit.map(Fault::action).orElse(null)) {
            case Fault.Action.Reply reply -> {
                return answer(out, HttpReply.of(reply.error()));
            }
            case Fault.Action.Drop drop -> {
                return false;
            }
            case Fault.Action.Delay delay -> Thread.sleep(delay.duration());
            case null -> { }
        }
        return forward(request, out);
    }

    private boolean forward(HttpMessage request, OutputStream out) throws IOException {
        HttpMessage response;
        URI upstream = this.upstream;
        try (var socket = new Socket(upstream.getHost(), upstream.getPort() < 0 ? 80 : upstream.getPort())) {
            OutputStream upstreamOut = socket.getOutputStream();
            upstreamOut.write(request.raw());
            upstreamOut.flush();
            response = HttpMessage.readResponse(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            return answer(out, HttpReply.text(502, "fault proxy: upstream " + upstream + " failed: " + e));
        }
        out.write(response.raw());
        out.flush();
        return !response.closesConnection();
    }

    private static boolean answer(OutputStream out, HttpReply reply) throws IOException {
        out.write(reply.bytes());
        out.flush();
        return true;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already broken: nothing left to release.
        }
    }
}
