package dev.articles.dynamodb;

import dev.articles.core.article.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * The requests of one step of a write, sent together: they touch different items and none needs another's answer,
 * so a step costs one round trip (a few with many tags) instead of one per request. Each request runs on a
 * virtual thread (the SDK's sync client is thread-safe); the step ends when every request has ended, so a write
 * never goes on to its commit, or answers, while a request of the step before is still in flight.
 */
final class Phase {

    /**
     * Requests in flight at once: the largest phase of a write whose tags all change (10 marks and 10 puts before
     * the commit, 10 deletes and 10 clears after it) goes out as one round trip. {@link DynamoDbClients} keeps as
     * many idle connections, so the next phase reuses them instead of opening (in AWS: a TLS handshake each).
     */
    static final int CONCURRENCY = 2 * Tags.MAX_TAGS;

    /** One request of a phase, and the tag entry it writes (what a failed clean-up leaves, for the report). */
    record Request(EntryKey entry, Runnable send) {}

    private Phase() {}

    /** Sends every request; when any failed, throws the first failure once all have ended. */
    static void all(List<Request> requests) {
        failures(requests).values().stream().findFirst().ifPresent(failure -> {
            throw failure;
        });
    }

    /** Sends every request; the ones that failed, in request order, with their failures. */
    static Map<Request, RuntimeException> failures(List<Request> requests) {
        Map<Request, RuntimeException> failed = new LinkedHashMap<>();
        if (requests.isEmpty()) {
            return failed;
        }
        if (requests.size() == 1) { // no thread for a lone request: most writes of an article with one tag
            try {
                requests.getFirst().send().run();
            } catch (RuntimeException e) {
                failed.put(requests.getFirst(), e);
            }
            return failed;
        }
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        List<Future<?>> sent = new ArrayList<>(requests.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Request request : requests) {
                sent.add(threads.submit(() -> {
                    inFlight.acquireUninterruptibly();
                    try {
                        request.send().run();
                    } finally {
                        inFlight.release();
                    }
                }));
            }
        } // close() waits for every request
        for (int i = 0; i < requests.size(); i++) {
            try {
                sent.get(i).get();
            } catch (ExecutionException e) {
                failed.put(requests.get(i), e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a write's requests were in flight", e);
            }
        }
        return failed;
    }
}
