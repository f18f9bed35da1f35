package dev.articles.bench.direct;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a fresh JVM with only a function's artifact and this class on the class path: constructs the
 * handler as Lambda's init does, then invokes it with one event {@code warm + 1} times. Prints a marker line
 * at each step, which the parent timestamps, so no clock of this JVM is trusted for its own start.
 * Without Lambda's runtime client, this isolates what our code costs at a cold start.
 * <p>Arguments: handler class, event file, warm invocations, and {@code prime} to run the handler's SnapStart
 * priming after init, as Lambda does before its snapshot: the first response after it is the closest local
 * stand-in for a restored instance's first request.
 */
public final class DirectInvoke {

    public static final String MARKER = "@@bench ";

    private DirectInvoke() {}

    public static void main(String[] args) throws Exception {
        mark("main");
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        int warm = Integer.parseInt(args[2]);
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        mark("init");
        if (args.length > 3 && args[3].equals("prime") && prime(handler)) {
            mark("primed");
        }
        String first = invoke(handler, event);
        mark("first " + status(first));
        long[] nanos = new long[warm];
        for (int i = 0; i < warm; i++) {
            long started = System.nanoTime();
            invoke(handler, event);
            nanos[i] = System.nanoTime() - started;
        }
        StringBuilder line = new StringBuilder("warm");
        for (long n : nanos) {
            line.append(' ').append(n);
        }
        mark(line.toString());
    }

    /**
     * Runs every CRaC {@code beforeCheckpoint} hook the handler holds in a field (its Priming), by reflection: org.crac
     * is in the function's jar, not on this class's compile path, and a JVM without CRaC never calls the hook itself.
     * @return whether the handler has such a hook (the fallback has none)
     */
    private static boolean prime(Object handler) throws Exception {
        boolean primed = false;
        for (Field field : handler.getClass().getDeclaredFields()) {
            field.setAccessible(true);
            Object value = field.get(handler);
            for (Method method : value == null ? new Method[0] : value.getClass().getMethods()) {
                if (method.getName().equals("beforeCheckpoint") && method.getParameterCount() == 1) {
                    method.invoke(value, (Object) null);
                    primed = true;
                }
            }
        }
        return primed;
    }

    private static String invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The response's statusCode, read without a JSON library: this JVM must load only the function's classes. */
    private static String status(String response) {
        int at = response.indexOf("\"statusCode\"");
        if (at < 0) {
            return "?";
        }
        String rest = response.substring(response.indexOf(':', at) + 1).stripLeading();
        int end = 0;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
            end++;
        }
        return rest.substring(0, end);
    }

    private static void mark(String what) {
        System.out.println(MARKER + what);
        System.out.flush();
    }
}
