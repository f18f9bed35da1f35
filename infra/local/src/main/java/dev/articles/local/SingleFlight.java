package dev.articles.local;

import java.util.concurrent.Executor;

/**
 * Runs a task on request, never two at once: requests before a run starts are that run; a request while it runs
 * asks for exactly one more run after it (however many came). So a run always starts after the latest request,
 * and nothing is lost or piled up.
 */
final class SingleFlight {

    private enum State { IDLE, QUEUED, RUNNING, RUNNING_AND_QUEUED }

    private final Executor executor;
    private final Runnable task;
    private State state = State.IDLE;

    SingleFlight(Executor executor, Runnable task) {
        this.executor = executor;
        this.task = task;
    }

    synchronized void request() {
        switch (state) {
            case IDLE -> {
                state = State.QUEUED;
                executor.execute(this::run);
            }
            case RUNNING -> state = State.RUNNING_AND_QUEUED;
            case QUEUED, RUNNING_AND_QUEUED -> { } // the run to come will see what this request is about
        }
    }

    private void run() {
        synchronized (this) {
            state = State.RUNNING;
        }
        try {
            task.run();
        } finally {
            synchronized (this) {
                if (state == State.RUNNING_AND_QUEUED) {
                    state = State.QUEUED;
                    executor.execute(this::run);
                } else {
                    state = State.IDLE;
                }
            }
        }
    }
}
