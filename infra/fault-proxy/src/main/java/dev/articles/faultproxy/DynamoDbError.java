package dev.articles.faultproxy;

/**
 * Error answers as DynamoDB sends them: the status, the {@code __type} the SDK maps to an exception class and
 * error code, and DynamoDB's own message text.
 */
public enum DynamoDbError {
    PROVISIONED_THROUGHPUT_EXCEEDED(400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
            "The level of configured provisioned throughput for the table was exceeded. "
                    + "Consider increasing your provisioning level with the UpdateTable API."),
    THROTTLING(400, "com.amazon.coral.availability#ThrottlingException",
            "Rate of requests exceeds the allowed throughput."),
    INTERNAL_SERVER_ERROR(500, "com.amazonaws.dynamodb.v20120810#InternalServerError", "Internal server error"),
    SERVICE_UNAVAILABLE(503, "com.amazon.coral.availability#ServiceUnavailableException",
            "DynamoDB is currently unavailable. (This should be a temporary state.)");

    private final int status;
    private final String type;
    private final String message;

    DynamoDbError(int status, String type, String message) {
        this.status = status;
        this.type = type;
        this.message = message;
    }

    public int status() {
        return status;
    }

    /** The JSON body; type and message hold no character that needs escaping. */
    String body() {
        return "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
    }
}
