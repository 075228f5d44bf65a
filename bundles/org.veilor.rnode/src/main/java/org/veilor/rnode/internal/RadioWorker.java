package org.veilor.rnode.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.veilor.rnode.RadioException;

/**
 * The one thread a radio's state changes run on: scheduled attempts, and calls from other threads
 * (hand-over, take-back, configuration changes) that wait for their turn and their result.
 */
final class RadioWorker {

    static final long CALL_TIMEOUT_S = 120;

    /** A task that may fail with a {@link RadioException}. */
    @FunctionalInterface
    interface RadioTask<T> {
        T run() throws RadioException;
    }

    private final String name;
    private final ScheduledExecutorService executor;
    private ScheduledFuture<?> next;

    RadioWorker(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rnode-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Replaces the pending scheduled step (call on the worker thread). */
    void schedule(Runnable step, long delayMs) {
        cancelScheduled();
        try {
            next = executor.schedule(step, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    void cancelScheduled() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down: nothing left to tell
        }
    }

    /** Runs a task on the worker and waits for it. */
    <T> T call(RadioTask<T> task) throws RadioException {
        return call(task, 0);
    }

    /** Runs a task on the worker and waits for it, at most the task's own bound plus the default wait for its turn. */
    <T> T call(RadioTask<T> task, long taskBoundMs) throws RadioException {
        long timeoutMs = Math.max(taskBoundMs, 0) + TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_S);
        try {
            return executor.submit((Callable<T>) task::run).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted while waiting for RNode " + name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RadioException r) {
                throw r;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new RadioException(String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new RadioException("RNode " + name + " did not finish within " + timeoutMs / 1000 + " s");
        } catch (RejectedExecutionException e) {
            throw new RadioException("RNode " + name + " is stopped");
        }
    }

    /** Like {@link #call} for tasks that cannot fail with a radio error. */
    void run(Runnable task) {
        try {
            call(() -> {
                task.run();
                return null;
            });
        } catch (RadioException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Stops the thread; waits briefly for a running step, then interrupts it. */
    void shutdown() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
