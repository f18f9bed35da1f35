package dev.articles.core.store;

/** DynamoDB throttled or could not be reached after the SDK's bounded retries: the client may retry later. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
