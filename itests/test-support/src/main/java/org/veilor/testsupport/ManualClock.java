package org.veilor.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves forward: either standing at a given instant (nothing passes unless the test
 * says so), or running with the system clock plus what the test added (to reach an expiry a day
 * away without waiting for it, while timeouts still run in real time). Always UTC.
 */
public final class ManualClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    private ManualClock(Clock base) {
        this.base = base;
    }

    /** Stands at {@code start} until {@link #advance} moves it. */
    public static ManualClock standingAt(Instant start) {
        return new ManualClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    /** Runs with the system clock, plus whatever {@link #advance} added. */
    public static ManualClock runningFromNow() {
        return new ManualClock(Clock.systemUTC());
    }

    public void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
