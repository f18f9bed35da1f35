package dev.articles.core;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * When the request being served must have been answered: the function's deadline, which Lambda enforces by
 * stopping it (a timeout, never an answer). The HTTP adapter sets it around each request from the invocation's
 * remaining time; the store bounds its calls by it, so that a slow or unreachable database ends a request as a
 * 503 in time. One instance per function, one deadline per thread serving a request: an in-process test serves
 * several requests at once. Inheritable, so the threads a request starts for its concurrent calls share it.
 */
public final class RequestDeadline {

    /**
     * The functions' timeout, template.yaml's Globals Timeout (TemplateMatchesCodeTest ties the two): the longest
     * a request can run, where an invocation gives no remaining time.
     */
    public static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(10);

    private final InheritableThreadLocal<Long> endNanos = new InheritableThreadLocal<>();

    /** Runs {@code request} with a deadline {@code remaining} from now. */
    public <T> T within(Duration remaining, Supplier<T> request) {
        Long outer = endNanos.get();
        endNanos.set(System.nanoTime() + remaining.toNanos());
        try {
            return request.get();
        } finally {
            if (outer == null) {
                endNanos.remove();
            } else {
                endNanos.set(outer);
            }
        }
    }

    /** Nanoseconds left until the current request's deadline (negative once past); empty outside a request. */
    public OptionalLong remainingNanos() {
        Long end = endNanos.get();
        return end == null ? OptionalLong.empty() : OptionalLong.of(end - System.nanoTime());
    }
}
