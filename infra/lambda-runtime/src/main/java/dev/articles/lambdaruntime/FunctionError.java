package dev.articles.lambdaruntime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A throwable as the Java runtime reports it: the Runtime API body {@code {"errorMessage", "errorType",
 * "stackTrace"}} with the type in the Lambda-Runtime-Function-Error-Type header, and the text it logs.
 */
record FunctionError(Throwable error) {

    String type() {
        return error.getClass().getName();
    }

    byte[] json() {
        String frames = Arrays.stream(error.getStackTrace()).map(f -> JsonStrings.quote(f.toString()))
                .collect(Collectors.joining(","));
        return ("{\"errorMessage\":" + JsonStrings.quote(error.getMessage()) + ",\"errorType\":" + JsonStrings.quote(type())
                + ",\"stackTrace\":[" + frames + "]}").getBytes(StandardCharsets.UTF_8);
    }

    /** What the function's log shows: {@code message: type} then the stack trace, as the Java runtime logs it. */
    String logText() {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return error.getMessage() + ": " + type() + "\n" + trace.toString().stripTrailing();
    }
}
