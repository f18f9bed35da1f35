package dev.articles.faultproxy;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A fault to inject: what happens to a request, which requests it hits (operation, body substring) and how
 * many times. Built fluently, e.g. {@code Fault.throttling().on("PutItem").matching("\"ARTICLE\"").times(2)}.
 *
 * @param action        what the proxy does instead of (or before) forwarding
 * @param operation     the operation name from {@code X-Amz-Target} (e.g. {@code PutItem}); empty: every operation
 * @param bodySubstring a text the request body must contain; empty: every body
 * @param times         how many matching requests it hits; {@link #UNLIMITED} until cleared
 */
public record Fault(Action action, Optional<String> operation, Optional<String> bodySubstring, int times) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** What the proxy does with a request the fault hits. */
    public sealed interface Action {
        /** Answers with a DynamoDB error without forwarding. */
        record Reply(DynamoDbError error) implements Action {}

        /** Waits, then forwards: a slow DynamoDB. */
        record Delay(Duration duration) implements Action {}

        /** Closes the connection without answering: a network failure mid-request. */
        record Drop() implements Action {}
    }

    public Fault {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(bodySubstring, "bodySubstring");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
    }

    /** HTTP 400 {@code ProvisionedThroughputExceededException}: DynamoDB's usual throttling answer. */
    public static Fault throttling() {
        return reply(DynamoDbError.PROVISIONED_THROUGHPUT_EXCEEDED);
    }

    /** HTTP 400 {@code ThrottlingException}: the control-plane and on-demand throttling answer. */
    public static Fault throttlingException() {
        return reply(DynamoDbError.THROTTLING);
    }

    /** HTTP 500 {@code InternalServerError}. */
    public static Fault internalServerError() {
        return reply(DynamoDbError.INTERNAL_SERVER_ERROR);
    }

    /** HTTP 503 {@code ServiceUnavailableException}. */
    public static Fault serviceUnavailable() {
        return reply(DynamoDbError.SERVICE_UNAVAILABLE);
    }

    /** Forwards the request only after {@code duration}. */
    public static Fault delay(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + duration);
        }
        return of(new Action.Delay(duration));
    }

    /** Closes the client's connection without an answer. */
    public static Fault dropConnection() {
        return of(new Action.Drop());
    }

    private static Fault reply(DynamoDbError error) {
        return of(new Action.Reply(error));
    }

    private static Fault of(Action action) {
        return new Fault(action, Optional.empty(), Optional.empty(), UNLIMITED);
    }

    /** Only requests for this operation, e.g. {@code PutItem}. */
    public Fault on(String operation) {
        return new Fault(action, Optional.of(operation), bodySubstring, times);
    }

    /** Only requests whose body contains this text, e.g. {@code "\"ARTICLE\""}. */
    public Fault matching(String bodySubstring) {
        return new Fault(action, operation, Optional.of(bodySubstring), times);
    }

    /** Only the next {@code n} matching requests. */
    public Fault times(int n) {
        return new Fault(action, operation, bodySubstring, n);
    }

    boolean hits(String requestOperation, String requestBody) {
        return operation.map(requestOperation::equals).orElse(true)
                && bodySubstring.map(requestBody::contains).orElse(true);
    }
}
