package org.veilor.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polling asserts instead of sleeps: retry until a condition holds or a deadline passes. */
public final class Poll {

    private Poll() {
    }

    /** An assertion that may throw; retried until it passes. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Retries a check every 50 ms until it passes; rethrows its last failure at the deadline. */
    public static void assertEventually(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last;
        do {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        if (last instanceof Exception e) {
            throw e;
        }
        throw (AssertionError) last;
    }

    /** Waits until a value is non-null (and not {@code false}); returns it. */
    public static <T> T until(Duration timeout, String what, Callable<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        do {
            try {
                T v = probe.call();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        AssertionError err = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        if (last != null) {
            err.initCause(last);
        }
        throw err;
    }
}
