package dev.articles.core.store;

/** DynamoDB throttled or could not be reached after the SDK's bounded retries: the client may retry later. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
