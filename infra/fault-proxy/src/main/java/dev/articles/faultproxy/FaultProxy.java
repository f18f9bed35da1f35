package dev.articles.faultproxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * An HTTP proxy in front of a DynamoDB endpoint that answers chosen requests with real DynamoDB faults, on Jetty
 * (core server and client). Every other request goes upstream with its method, target, headers (Host as the
 * client sent it, so the SDK's signature still holds) and body, and its answer comes back with the upstream's
 * status, headers and body; only the hop-by-hop headers are each side's own. Requests to {@code /__faults} are
 * the control endpoint (see {@link FaultControl}).
 */
public final class FaultProxy implements AutoCloseable {

    private static final String TARGET_PREFIX = "DynamoDB_20120810.";
    private static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";
    /** Above DynamoDB's largest answer (a BatchGetItem's 16 MB): each answer is passed on whole. */
    private static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
    /**
     * How long an upstream connection stays pooled unused: below Node's 5 s keep-alive, so dynalite never closes
     * one just as the proxy sends on it. While a request waits for its answer, no limit (as DynamoDB has none).
     */
    private static final long POOLED_IDLE_MS = 2_000;
    /** Each side's own: the framing and the connection's fate (RFC 9110 7.6.1), which Jetty sets per side. */
    private static final Set<HttpHeader> HOP_BY_HOP = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_CONNECTION, HttpHeader.TRANSFER_ENCODING, HttpHeader.CONTENT_LENGTH, HttpHeader.TE,
            HttpHeader.UPGRADE, HttpHeader.EXPECT);

    private volatile URI upstream;
    private final Server server;
    private final ServerConnector connector;
    private final HttpClient client;
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

    static {
        // As in infra/local's GatewayHttpServer: spares Jetty's start the platform MBean server (0.2 s).
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, "16");
        }
    }

    private FaultProxy(URI upstream, int port) {
        this.upstream = upstream;
        var threads = new QueuedThreadPool();
        threads.setName("fault-proxy");
        threads.setDaemon(true);
        server = new Server(threads, new ScheduledExecutorScheduler("fault-proxy-scheduler", true), null);
        server.setStopTimeout(0); // close() ends every connection at once, as a crashed DynamoDB would
        var http = new HttpConfiguration();
        http.setSendServerVersion(false); // the upstream's Server and Date go back instead
        http.setSendDateHeader(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(0); // none: a delay holds a request as long as asked, and only the client gives up
        server.addConnector(connector);
        // Non-blocking (nothing in it waits: bodies, delays and the upstream are all asynchronous), so Jetty runs it
        // on the thread that read the request instead of handing it to another.
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                FaultProxy.this.handle(request, response, callback);
                return true;
            }
        });
        // Transparent: no cookies, redirects, authentication or 100-continue of its own, no Accept-Encoding or
        // User-Agent added, the answer's bytes as they came.
        var upstreamConnector = new ClientConnector();
        var tls = new SslContextFactory.Client();
        upstreamConnector.setSslContextFactory(tls);
        upstreamConnector.unmanage(tls); // never started: the upstream is plain http, and TLS's setup is 0.5 s of start
        client = new HttpClient(new HttpClientTransportOverHTTP(upstreamConnector));
        client.setExecutor(threads);
        client.setScheduler(server.getScheduler());
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.getProtocolHandlers().clear();
        client.setIdleTimeout(POOLED_IDLE_MS);
        server.addBean(client); // started and stopped with the server
    }

    /** Starts a proxy for {@code upstream} (an {@code http} URI) on a free loopback port. */
    public static FaultProxy start(URI upstream) {
        return start(upstream, 0);
    }

    /** Starts a proxy for {@code upstream} on the given loopback port (0: a free one). */
    public static FaultProxy start(URI upstream, int port) {
        requireHttp(upstream);
        var proxy = new FaultProxy(upstream, port);
        try {
            proxy.server.start();
            proxy.client.getContentDecoderFactories().clear(); // the client's start puts gzip in when empty
            return proxy;
        } catch (IOException e) {
            proxy.close();
            throw new UncheckedIOException("cannot listen on port " + port, e);
        } catch (Exception e) {
            proxy.close();
            throw new IllegalStateException("the fault proxy did not start", e);
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
        return URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
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
            server.stop();
        } catch (Exception ignored) {
            // Stopping anyway: nothing more to do with a server that fails to stop.
        }
    }

    private void handle(Request request, Response response, Callback callback) {
        if (FaultControl.PATH.equals(request.getHttpURI().getPath())) {
            control.handle(request).write(response, callback);
            return;
        }
        // The whole body first: a fault may match on it.
        Content.Source.asByteBuffer(request, Promise.from(body -> proxy(request, body, response, callback), callback::failed));
    }

    /** Handles one DynamoDB request: a fault's answer, a dropped connection, or (maybe later) the upstream's. */
    private void proxy(Request request, ByteBuffer body, Response response, Callback callback) {
        String target = request.getHeaders().get("X-Amz-Target");
        String operation = target == null ? ""
                : target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
        requests.computeIfAbsent(operation, k -> new LongAdder()).increment();
        String text = StandardCharsets.UTF_8.decode(body.duplicate()).toString();
        Optional<ArmedFault> armed = faults.stream().filter(f -> f.claim(operation, text)).findFirst();
        armed.ifPresent(f -> {
            injected.computeIfAbsent(operation, k -> new LongAdder()).increment();
            f.hits().increment();
        });
        switch (armed.map(f -> f.fault().action()).orElse(null)) {
            case Fault.Action.Reply reply -> HttpReply.of(reply.error()).write(response, callback);
            case Fault.Action.Drop drop -> {
                // The TCP connection itself, before any byte of an answer: the client reads an end of stream.
                request.getConnectionMetaData().getConnection().getEndPoint().close();
                callback.failed(new IOException("fault proxy: connection dropped"));
            }
            case Fault.Action.Delay delay when delay.duration().isPositive() -> server.getScheduler().schedule(
                    () -> forward(request, body, response, callback), delay.duration().toNanos(), TimeUnit.NANOSECONDS);
            case Fault.Action.Delay marker -> forward(request, body, response, callback);
            case null -> forward(request, body, response, callback);
        }
    }

    private void forward(Request request, ByteBuffer body, Response response, Callback callback) {
        URI upstream = this.upstream;
        var outgoing = client.newRequest(upstream.getHost(), upstream.getPort() < 0 ? 80 : upstream.getPort())
                .method(request.getMethod())
                .path(request.getHttpURI().getPathQuery())
                .idleTimeout(0, TimeUnit.MILLISECONDS)
                .headers(headers -> copy(request.getHeaders(), headers));
        if (body.hasRemaining()) {
            outgoing.body(new ByteBufferRequestContent(request.getHeaders().get(HttpHeader.CONTENT_TYPE), body));
        }
        new CompletableResponseListener(outgoing, MAX_RESPONSE_BYTES).send().whenComplete((answer, failure) -> {
            if (failure != null) {
                HttpReply.text(502, "fault proxy: upstream " + upstream + " failed: " + failure).write(response, callback);
            } else {
                pass(answer, response, callback);
            }
        });
    }

    private static void pass(ContentResponse answer, Response response, Callback callback) {
        response.setStatus(answer.getStatus());
        copy(answer.getHeaders(), response.getHeaders());
        response.write(true, ByteBuffer.wrap(answer.getContent()), callback);
    }

    private static void copy(HttpFields from, HttpFields.Mutable to) {
        for (HttpField field : from) {
            if (!HOP_BY_HOP.contains(field.getHeader())) {
                to.add(field);
            }
        }
    }
}
