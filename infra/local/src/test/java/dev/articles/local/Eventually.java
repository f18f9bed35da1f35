package dev.articles.local;

import java.util.concurrent.TimeUnit;

/** Serve logs an invocation as it completes, so its lines may trail the HTTP response a little: wait for them. */
final class Eventually {

    private static final long LIMIT_SECONDS = 30;

    private Eventually() {}

    /** Runs the assertion until it passes, or rethrows its failure after the limit. */
    static void holds(Runnable assertion) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(LIMIT_SECONDS);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
