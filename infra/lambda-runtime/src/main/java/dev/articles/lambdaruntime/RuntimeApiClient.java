package dev.articles.lambdaruntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The Lambda Runtime API (2018-06-01) at AWS_LAMBDA_RUNTIME_API, over HttpURLConnection: the lightest HTTP
 * client in the JDK to start, and what the Java runtime's own fallback uses. Connections are kept alive.
 */
final class RuntimeApiClient {

    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    /** One event from /next with the headers that describe it. */
    record Event(String requestId, long deadlineMs, String invokedFunctionArn, String traceId, String tenantId,
                 byte[] payload) {
    }

    private final String base;

    RuntimeApiClient(String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isBlank()) {
            throw new IllegalStateException("AWS_LAMBDA_RUNTIME_API is not set: this runs inside a Lambda environment");
        }
        this.base = "http://" + hostAndPort + "/2018-06-01/runtime/";
    }

    /** Waits for the next event; throws when the Runtime API answers anything but 200 (the environment is ending). */
    Event next() throws IOException {
        HttpURLConnection connection = open("invocation/next", "GET");
        int status = connection.getResponseCode();
        if (status != 200) {
            drain(connection);
            throw new IOException("the Runtime API answered /next with " + status);
        }
        byte[] payload;
        try (InputStream in = connection.getInputStream()) {
            payload = in.readAllBytes();
        }
        String deadline = connection.getHeaderField("Lambda-Runtime-Deadline-Ms");
        return new Event(connection.getHeaderField("Lambda-Runtime-Aws-Request-Id"),
                deadline == null ? Long.MAX_VALUE : Long.parseLong(deadline),
                connection.getHeaderField("Lambda-Runtime-Invoked-Function-Arn"),
                connection.getHeaderField("Lambda-Runtime-Trace-Id"),
                connection.getHeaderField("Lambda-Runtime-Aws-Tenant-Id"), payload);
    }

    void respond(String requestId, byte[] response) throws IOException {
        post("invocation/" + requestId + "/response", null, response);
    }

    void error(String requestId, FunctionError error) throws IOException {
        post("invocation/" + requestId + "/error", error.type(), error.json());
    }

    void initError(FunctionError error) throws IOException {
        post("init/error", error.type(), error.json());
    }

    private void post(String path, String errorType, byte[] body) throws IOException {
        HttpURLConnection connection = open(path, "POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        if (errorType != null) {
            connection.setRequestProperty(ERROR_TYPE_HEADER, errorType);
        }
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        drain(connection);
        if (status / 100 != 2) {
            throw new IOException("the Runtime API answered " + path + " with " + status);
        }
    }

    private HttpURLConnection open(String path, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setReadTimeout(0); // /next is held open until an event comes
        return connection;
    }

    /** Reads the answer to its end so that the connection goes back to the keep-alive pool. */
    private static void drain(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getErrorStream() != null ? connection.getErrorStream() : connection.getInputStream();
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }
}
