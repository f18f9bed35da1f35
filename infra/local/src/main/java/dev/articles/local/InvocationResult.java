package dev.articles.local;

/** How one invocation of a function ended. */
public sealed interface InvocationResult {

    /** The function returned: the payload it posted to /response. */
    record Response(byte[] payload) implements InvocationResult {
    }

    /** The handler threw (posted to /error) or init failed (/init/error): the error document it posted. */
    record FunctionError(byte[] payload) implements InvocationResult {
    }

    /** The instance died, or never became ready, before answering. */
    record Crashed(String reason) implements InvocationResult {
    }

    /** Still running at the function's Timeout: the instance was killed. */
    record TimedOut(int timeoutSeconds) implements InvocationResult {
    }
}
