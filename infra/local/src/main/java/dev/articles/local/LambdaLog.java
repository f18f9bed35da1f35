package dev.articles.local;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Function output as Lambda logs it: every line a function prints, prefixed with the function and the request
 * it belongs to, and the START, END and REPORT lines around each invocation.
 */
final class LambdaLog {

    private final PrintStream out;

    LambdaLog(PrintStream out) {
        this.out = out;
    }

    /** @param requestId the invocation in progress, or null while the instance initializes */
    void functionLine(String function, String requestId, String line) {
        print(function, (requestId == null ? "INIT" : requestId) + " " + line);
    }

    void start(String function, String requestId) {
        print(function, "START RequestId: " + requestId + " Version: $LATEST");
    }

    void timedOut(String function, String requestId, int timeoutSeconds) {
        print(function, requestId + " Task timed out after " + timeoutSeconds + ".00 seconds");
    }

    /** @param initMillis the cold start's Init Duration, or a negative number for a warm invocation */
    void end(String function, String requestId, double durationMillis, int memoryMb, long maxMemoryMb,
             double initMillis) {
        print(function, "END RequestId: " + requestId);
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB",
                requestId, durationMillis, (long) Math.ceil(durationMillis), memoryMb, maxMemoryMb));
        if (initMillis >= 0) {
            report.append(String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initMillis));
        }
        print(function, report.toString());
    }

    /** A line of our own about a function (instances started, stopped, replaced). */
    void note(String function, String message) {
        print(function, message);
    }

    void info(String message) {
        synchronized (out) {
            out.println(message);
            out.flush();
        }
    }

    private void print(String function, String text) {
        synchronized (out) {
            out.println("[" + function + "] " + text);
            out.flush();
        }
    }
}
