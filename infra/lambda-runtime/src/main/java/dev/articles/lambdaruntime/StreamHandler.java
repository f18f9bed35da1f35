package dev.articles.lambdaruntime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A function's handler, resolved from the Handler string as the Java runtime resolves a stream handler:
 * {@code package.Class} implementing RequestStreamHandler, or {@code package.Class::method} taking
 * (InputStream, OutputStream[, Context]), static or on an instance made with the public no-argument
 * constructor. The class is loaded and initialized, and the instance made, during init. POJO handlers
 * (RequestHandler, typed methods) need the AWS client's serialization: refused here with a clear init error.
 */
@FunctionalInterface
interface StreamHandler {

    void handle(InputStream in, OutputStream out, Context context) throws Throwable;

    static StreamHandler load(String handler) throws Throwable {
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException("no handler: pass it as the first argument or in _HANDLER");
        }
        int separator = handler.indexOf("::");
        String className = separator < 0 ? handler : handler.substring(0, separator);
        String methodName = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        Class<?> type = Class.forName(className, true, ClassLoader.getSystemClassLoader());
        if (RequestStreamHandler.class.isAssignableFrom(type) && methodName.equals("handleRequest")) {
            RequestStreamHandler instance = (RequestStreamHandler) newInstance(type);
            return instance::handleRequest;
        }
        for (Method method : type.getMethods()) {
            Class<?>[] p = method.getParameterTypes();
            boolean stream = p.length >= 2 && p.length <= 3 && p[0] == InputStream.class && p[1] == OutputStream.class
                    && (p.length == 2 || p[2] == Context.class);
            if (method.getName().equals(methodName) && stream) {
                Object target = Modifier.isStatic(method.getModifiers()) ? null : newInstance(type);
                return (in, out, context) -> {
                    try {
                        method.invoke(target, p.length == 2 ? new Object[] {in, out} : new Object[] {in, out, context});
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                };
            }
        }
        throw new IllegalArgumentException("the handler " + handler + " is not a stream handler: the portable runtime"
                + " client runs RequestStreamHandler classes and public methods taking (InputStream, OutputStream"
                + "[, Context]); a POJO handler needs the AWS runtime interface client (--runtime-client aws, Linux)");
    }

    private static Object newInstance(Class<?> type) throws Throwable {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
