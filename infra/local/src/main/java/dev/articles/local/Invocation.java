package dev.articles.local;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One event on its way through an instance: handed out by the Runtime API's /next, answered by /response or
 * /error (or ended by a crash or the timeout, whichever comes first: {@link #result} completes once).
 */
final class Invocation {

    final String requestId = UUID.randomUUID().toString();
    final byte[] event;
    /** Completes with the deadline (epoch ms) when the runtime client takes the event from /next. */
    final CompletableFuture<Long> delivered = new CompletableFuture<>();
    final CompletableFuture<InvocationResult> result = new CompletableFuture<>();

    Invocation(byte[] event) {
        this.event = event;
    }
}
