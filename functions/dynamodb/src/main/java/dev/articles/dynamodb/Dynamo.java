package dev.articles.dynamodb;

import dev.articles.core.store.StoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Runs a DynamoDB call, turning "throttled" and "unreachable" into {@link StoreUnavailableException}. */
public final class Dynamo {

    private Dynamo() {}

    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new StoreUnavailableException(what, e);
            }
            throw e; // a request DynamoDB rejected as malformed is our bug: a 500, logged
        } catch (SdkClientException e) {
            throw new StoreUnavailableException(what, e);
        }
    }
}
