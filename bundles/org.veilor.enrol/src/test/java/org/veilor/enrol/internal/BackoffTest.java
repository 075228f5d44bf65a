package org.veilor.enrol.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Retry delays double from the first, stay under the cap, and are spread by at most ±20 %. */
class BackoffTest {

    @Test
    void delaysDoubleUpToTheCapWithJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(900));
        for (int i = 0; i < 200; i++) {
            within(b.after(1), 5_000);
            within(b.after(2), 10_000);
            within(b.after(4), 40_000);
            within(b.after(20), 900_000);
            within(b.after(1000), 900_000);
        }
    }

    private static void within(Duration d, long ms) {
        assertTrue(d.toMillis() >= ms * 0.8 - 1 && d.toMillis() <= ms * 1.2 + 1, d + " vs " + ms);
    }
}
