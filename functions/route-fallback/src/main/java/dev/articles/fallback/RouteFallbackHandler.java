package dev.articles.fallback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.articles.core.Environment;
import dev.articles.http.HttpFunction;
import dev.articles.http.endpoints.RouteFallback;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** API Gateway's $default route: every path and method no other route takes. */
public final class RouteFallbackHandler implements RequestStreamHandler {

    private final HttpFunction function;

    /** Lambda's constructor: runs once per JVM, in the init phase, so the client is built before any request. */
    public RouteFallbackHandler() {
        this(Environment.system());
    }

    RouteFallbackHandler(Environment env) {
        function = new HttpFunction(env, new RouteFallback());
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        function.handle(in, out, context);
    }
}
