package dev.articles.http;

import com.amazonaws.services.lambda.runtime.Context;
import dev.articles.core.Environment;
import dev.articles.core.RequestDeadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * What every function does around its route: read the event, answer every failure with Problem Details
 * (503 for an unavailable database, 500 for a bug, a write without a token where writes are authenticated: 401,
 * each logged), write the response, log one line.
 */
public final class HttpFunction {

    /**
     * One route's HTTP side: a request in, a response out. Broken rules are thrown, as a ProblemException or as
     * the domain's own exceptions, which {@link DomainProblems} maps.
     */
    @FunctionalInterface
    public interface Endpoint {
        HttpResponse handle(HttpRequest request);
    }

    private final Endpoint endpoint;
    private final RequestDeadline deadline;
    private final AccessLog log;
    private boolean coldStart = true;

    /** A route whose store does not read the deadline. */
    public HttpFunction(Environment env, Endpoint endpoint) {
        this(env, endpoint, new RequestDeadline());
    }

    /**
     * Logs under the Lambda function's name, or the route's where there is none (tests). Each request runs within
     * {@code deadline}, set from the invocation's remaining time, which the store reads to answer in time.
     */
    public HttpFunction(Environment env, Endpoint endpoint, RequestDeadline deadline) {
        this.endpoint = endpoint;
        this.deadline = deadline;
        this.log = new AccessLog(env.optional("AWS_LAMBDA_FUNCTION_NAME").orElse(endpoint.getClass().getSimpleName()), System.out);
    }

    public void handle(InputStream in, OutputStream out, Context context) throws IOException {
        long started = System.nanoTime();
        String lambdaRequestId = context == null ? "" : context.getAwsRequestId();
        HttpRequest request = null;
        HttpResponse response;
        try {
            HttpRequest read = ApiGatewayEvents.read(in);
            request = read;
            response = deadline.within(remaining(context), () -> respond(read));
        } catch (IOException e) {
            log.failure(lambdaRequestId, "unreadable API Gateway event", e);
            response = ProblemJson.response(new Problem(Problem.Type.INTERNAL_ERROR, "The request could not be processed."));
        }
        ApiGatewayEvents.write(response, out);
        log.request(request == null ? "" : request.requestId(), lambdaRequestId, request, response.status(),
                (System.nanoTime() - started) / 1000, coldStart);
        coldStart = false;
    }

    /** Until Lambda stops the function; without a context (priming, tests), a whole timeout. */
    private static Duration remaining(Context context) {
        return context == null ? RequestDeadline.FUNCTION_TIMEOUT : Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    HttpResponse respond(HttpRequest request) {
        try {
            return endpoint.handle(request);
        } catch (RuntimeException e) {
            ProblemException problem = DomainProblems.of(e);
            if (problem != null) {
                if (problem.problem().status() == 503) {
                    log.unavailable(request.requestId(), e);
                } else if (problem.problem().status() == 401) {
                    log.unauthenticated(request);
                }
                return ProblemJson.response(problem.problem(), problem.headers());
            }
            log.failure(request.requestId(), "unexpected failure", e);
            return ProblemJson.response(new Problem(Problem.Type.INTERNAL_ERROR,
                    "The request failed unexpectedly. It was logged with request id " + request.requestId() + "."));
        }
    }
}
