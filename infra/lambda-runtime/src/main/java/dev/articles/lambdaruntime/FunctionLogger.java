package dev.articles.lambdaruntime;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The Context's logger in Lambda's plain text format: each message on stdout as it is, one call per line,
 * which is how the local runtime reads and prefixes a function's output.
 */
final class FunctionLogger implements LambdaLogger {

    private final PrintStream out;

    FunctionLogger(PrintStream out) {
        this.out = out;
    }

    @Override
    public void log(String message) {
        synchronized (out) {
            out.print(message);
            if (!message.endsWith("\n")) {
                out.println();
            }
            out.flush();
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }
}
