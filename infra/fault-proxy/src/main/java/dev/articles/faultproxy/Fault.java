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
 * @param after         how many matching requests pass untouched first: {@code after(2)} fails the third write on,
 *                      a process that lost the database (crashed) between its second and third write
 */
public record Fault(Action action, Optional<String> operation, Optional<String> bodySubstring, int times, int after) {

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
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative: " + after);
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
        return new Fault(action, Optional.empty(), Optional.empty(), UNLIMITED, 0);
    }

    /** Only requests for this operation, e.g. {@code PutItem}. */
    public Fault on(String operation) {
        return new Fault(action, Optional.of(operation), bodySubstring, times, after);
    }

    /** Only requests whose body contains this text, e.g. {@code "\"ARTICLE\""}. */
    public Fault matching(String bodySubstring) {
        return new Fault(action, operation, Optional.of(bodySubstring), times, after);
    }

    /** Only the next {@code n} matching requests. */
    public Fault times(int n) {
        return new Fault(action, operation, bodySubstring, n, after);
    }

    /** Lets the first {@code n} matching requests through before the fault starts hitting. */
    public Fault after(int n) {
        return new Fault(action, operation, bodySubstring, times, n);
    }

    boolean hits(String requestOperation, String requestBody) {
        return operation.map(requestOperation::equals).orElse(true)
                && bodySubstring.map(requestBody::contains).orElse(true);
    }
}
