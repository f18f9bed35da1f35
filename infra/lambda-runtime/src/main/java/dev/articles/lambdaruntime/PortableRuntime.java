package dev.articles.lambdaruntime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A Lambda runtime loop in plain Java, for machines where the AWS runtime interface client's native library
 * cannot load (macOS, Windows, Linux on other libcs or CPUs). Same contract as that client for a stream
 * handler: the Handler as the first argument (else _HANDLER); init loads it, a failure is posted to
 * /init/error and ends the JVM; then /next, the handler, /response or /error, until /next answers non-200.
 * A throwable is logged as the Java runtime logs it; a VirtualMachineError also ends the JVM after its report.
 */
public final class PortableRuntime {

    /** The Java runtime's system property for the invocation's X-Ray trace header (read by the X-Ray SDK). */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private PortableRuntime() {
    }

    public static void main(String[] args) {
        // As the Java runtime: UTF-8 and every write flushed, so the lines reach the log as the function prints them.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        FunctionLogger logger = new FunctionLogger(System.out);
        RuntimeApiClient api = new RuntimeApiClient(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        StreamHandler handler;
        try {
            handler = StreamHandler.load(args.length > 0 ? args[0] : System.getenv("_HANDLER"));
        } catch (Throwable e) {
            FunctionError error = new FunctionError(e instanceof ExceptionInInitializerError i && i.getCause() != null
                    ? i.getCause() : e);
            logger.log(error.logText());
            try {
                api.initError(error);
            } catch (IOException unreachable) {
                logger.log("cannot report the init error: " + unreachable);
            }
            System.exit(1);
            return;
        }
        loop(api, handler, logger);
    }

    private static void loop(RuntimeApiClient api, StreamHandler handler, FunctionLogger logger) {
        while (true) {
            RuntimeApiClient.Event event;
            try {
                event = api.next();
            } catch (IOException ending) {
                System.exit(0); // the environment is being stopped
                return;
            }
            if (event.traceId() != null) {
                System.setProperty(TRACE_PROPERTY, event.traceId());
            } else {
                System.clearProperty(TRACE_PROPERTY);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handle(new ByteArrayInputStream(event.payload()), out, new InvocationContext(event, logger));
                api.respond(event.requestId(), out.toByteArray());
            } catch (Throwable e) {
                FunctionError error = new FunctionError(e);
                logger.log(error.logText());
                try {
                    api.error(event.requestId(), error);
                } catch (IOException gone) {
                    System.exit(1);
                }
                if (e instanceof VirtualMachineError) {
                    System.exit(1);
                }
            }
        }
    }
}
