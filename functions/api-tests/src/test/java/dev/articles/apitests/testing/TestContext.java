package dev.articles.apitests.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.articles.core.RequestDeadline;
import java.util.UUID;

/** The Lambda context a handler receives; ours read the request id and the time left before the timeout. */
public record TestContext(String awsRequestId, int remainingMillis) implements Context {

    public TestContext() {
        this((int) RequestDeadline.FUNCTION_TIMEOUT.toMillis());
    }

    /** An invocation with {@code remainingMillis} left before Lambda would stop it. */
    public TestContext(int remainingMillis) {
        this(UUID.randomUUID().toString(), remainingMillis);
    }

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/test"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "test"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:test"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return remainingMillis; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return null; }
}
