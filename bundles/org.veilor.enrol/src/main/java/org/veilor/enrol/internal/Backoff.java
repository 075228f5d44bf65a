package org.veilor.enrol.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: {@code initial · 2^(attempt-1)}, capped, then spread by ±20 % so
 * enrolments that failed together (Headscale down) do not all come back in the same instant.
 */
public record Backoff(Duration initial, Duration max) {

    /** The delay before the next try, after {@code attempt} failed tries (1 = first failure). */
    public Duration after(int attempt) {
        long base = initial.toMillis();
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long delay = Math.min(max.toMillis(), base << shift);
        if (delay <= 0 || delay > max.toMillis()) {
            delay = max.toMillis();
        }
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(delay * jitter)));
    }
}
