package dev.articles.dynamodb;

import dev.articles.core.RequestDeadline;
import dev.articles.core.store.StoreUnavailableException;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Runs the store's DynamoDB calls: each within what is left of the request's time, and "throttled",
 * "unreachable" or "too late" turned into {@link StoreUnavailableException} (a 503). A call gets its own timeout
 * ({@link DynamoDbClients#CALL_TIMEOUT}, retries included) or the time left before the request's deadline less
 * {@link #RESERVE}, whichever is shorter, and is not sent at all with less than {@link #MIN_CALL} left: however
 * many calls a write makes and however slow each is, its last call ends {@link #RESERVE} before the function
 * would be stopped (the arithmetic is in docs/data-model.md, Writes).
 */
public final class Dynamo {

    /** Kept from the deadline for what follows the last call: the answer, the access log, the clean-up report. */
    static final Duration RESERVE = Duration.ofSeconds(2);
    /** A call with less time than this would fail anyway: not sent. */
    static final Duration MIN_CALL = Duration.ofMillis(100);

    private static final AwsRequestOverrideConfiguration CLIENT_DEFAULTS = AwsRequestOverrideConfiguration.builder().build();

    private final RequestDeadline deadline;

    public Dynamo(RequestDeadline deadline) {
        this.deadline = deadline;
    }

    /**
     * Runs {@code call}, which sends one request with the configuration given (its timeout).
     *
     * @throws StoreUnavailableException when the table throttles, cannot be reached, or the request's time is up
     */
    public <T> T call(String what, Function<AwsRequestOverrideConfiguration, T> call) {
        AwsRequestOverrideConfiguration timeout = timeout(what);
        try {
            return call.apply(timeout);
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new StoreUnavailableException(what, e);
            }
            throw e; // a request DynamoDB rejected as malformed is our bug: a 500, logged
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(what, e);
        }
    }

    private AwsRequestOverrideConfiguration timeout(String what) {
        var remaining = deadline.remainingNanos();
        if (remaining.isEmpty()) {
            return CLIENT_DEFAULTS; // outside a request (tests, tools): the client's own timeout alone
        }
        Duration left = Duration.ofNanos(remaining.getAsLong()).minus(RESERVE);
        if (left.compareTo(MIN_CALL) < 0) {
            throw new StoreUnavailableException(what + ": the request's time is up", null);
        }
        Duration timeout = left.compareTo(DynamoDbClients.CALL_TIMEOUT) < 0 ? left : DynamoDbClients.CALL_TIMEOUT;
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(timeout).build();
    }
}
