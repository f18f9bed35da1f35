package dev.articles.core.http;

import com.amazonaws.services.lambda.runtime.Context;
import dev.articles.core.Environment;
import dev.articles.core.store.DatabaseUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * What every function does around its route: read the event, answer every failure with Problem Details
 * (503 for an unavailable database, 500 for a bug, logged), write the response, log one line.
 */
public final class HttpFunction {

    /** One route of the API: a request in, a response out; rule violations are thrown as ProblemException. */
    @FunctionalInterface
    public interface Route {
        HttpResponse handle(HttpRequest request);
    }

    /** Seconds a client should wait before retrying while DynamoDB throttles or is down. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Route route;
    private final AccessLog log;
    private boolean coldStart = true;

    /** Logs under the Lambda function's name, or the route's where there is none (tests). */
    public HttpFunction(Environment env, Route route) {
        this.route = route;
        this.log = new AccessLog(env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse(route.getClass().getSimpleName()), System.out);
    }

    public void handle(InputStream in, OutputStream out, Context context) throws IOException {
        long started = System.nanoTime();
        String lambdaRequestId = context == null ? "" : context.getAwsRequestId();
        HttpRequest request = null;
        HttpResponse response;
        try {
            request = ApiGatewayEvents.read(in);
            response = respond(request);
        } catch (IOException e) {
            log.failure(lambdaRequestId, "unreadable API Gateway event", e);
            response = ProblemJson.response(new Problem(Problem.Type.INTERNAL_ERROR, "The request could not be processed."));
        }
        ApiGatewayEvents.write(response, out);
        log.request(request == null ? "" : request.requestId(), lambdaRequestId, request, response.status(),
                (System.nanoTime() - started) / 1000, coldStart);
        coldStart = false;
    }

    HttpResponse respond(HttpRequest request) {
        try {
            return route.handle(request);
        } catch (ProblemException e) {
            return ProblemJson.response(e.problem(), e.headers());
        } catch (DatabaseUnavailableException e) {
            log.unavailable(request.requestId(), e);
            return ProblemJson.response(new Problem(Problem.Type.SERVICE_UNAVAILABLE,
                    "The article store is temporarily unavailable; nothing was changed. Retry later."),
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        } catch (RuntimeException e) {
            log.failure(request.requestId(), "unexpected failure", e);
            return ProblemJson.response(new Problem(Problem.Type.INTERNAL_ERROR,
                    "The request failed unexpectedly. It was logged with request id " + request.requestId() + "."));
        }
    }
}
