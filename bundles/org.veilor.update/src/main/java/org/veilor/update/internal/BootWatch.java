package org.veilor.update.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.veilor.core.Finding;
import org.veilor.update.UpdateReport;

/**
 * The rollback rule, as a pure step over the remembered state: after a reboot into a deployment
 * that never proved healthy, the agent watches it; healthy at any probe within the window (counted
 * from when it was first seen booted in this boot) keeps it; otherwise it is marked bad and rolled
 * back — once. An image marked bad is never watched or rolled back again, so nothing can loop;
 * and nothing is rolled back into an image that is itself marked bad.
 */
final class BootWatch {

    /**
     * What one step decided.
     *
     * @param state the state to keep (save it when {@code changed})
     * @param rollback whether {@code bootc rollback} must run now (the state already marks the image bad)
     * @param watch the watch in progress, or null
     */
    record Outcome(UpdateState state, boolean changed, boolean rollback, Finding finding, UpdateReport.Watch watch) {
    }

    private BootWatch() {
    }

    static Outcome step(UpdateState st, BootcHost host, String bootId, Instant now, Duration window,
            Supplier<List<String>> health) {
        BootcHost.Entry booted = host == null ? null : host.booted();
        if (booted == null || booted.digest() == null) {
            return new Outcome(st, false, false, null, null);
        }
        String d = booted.digest();
        String name = Reports.name(booted.image());
        if (st.bad(d).isPresent()) {
            // Marked once, never judged again (the report says why it is marked).
            return new Outcome(st, false, false, null, null);
        }
        if (st.isHealthy(d)) {
            boolean was = st.watching() != null;
            return new Outcome(was ? st.withWatching(null) : st, was, false, null, null);
        }
        if (st.healthy().isEmpty() && st.watching() == null) {
            return new Outcome(st.withHealthy(d), true, false, Finding.info("update.baseline", "first run of the agent: the"
                    + " booted image " + name + " is taken as healthy (there is nothing earlier to compare with)", null), null);
        }
        UpdateState.Watching w = st.watching();
        boolean changed = false;
        if (w == null || !w.digest().equals(d) || !w.bootId().equals(bootId)) {
            w = new UpdateState.Watching(d, booted.image().version(), bootId, now);
            st = st.withWatching(w);
            changed = true;
        }
        List<String> problems = health.get();
        if (problems.isEmpty()) {
            return new Outcome(st.withHealthy(d), true, false, Finding.info("update.healthy", "the new deployment " + name
                    + " is healthy (" + HealthProbe.UNIT + " and the mesh layers): it is kept", null), null);
        }
        Instant deadline = w.since().plus(window);
        UpdateReport.Watch watch = new UpdateReport.Watch(d, w.since(), deadline, problems);
        if (now.isBefore(deadline)) {
            return new Outcome(st, changed, false, Finding.info("update.watching", "watching the new deployment " + name
                    + ": it must be healthy by " + deadline + " or it is rolled back; now " + String.join("; ", problems), null),
                    watch);
        }
        String reason = "not healthy within " + window.toSeconds() + " s of booting it: " + String.join("; ", problems);
        BootcHost.Entry rb = host.rollback();
        if (rb == null || rb.digest() == null) {
            return new Outcome(st.withBad(new UpdateState.Bad(d, booted.image().version(), now, "health", reason,
                    "none: there is no rollback deployment")), true, false, Finding.error("update.rollback-impossible",
                            "the new deployment " + name + " is " + reason + "; it is marked bad, but there is no rollback"
                                    + " deployment to go back to", null), watch);
        }
        if (st.bad(rb.digest()).isPresent()) {
            return new Outcome(st.withBad(new UpdateState.Bad(d, booted.image().version(), now, "health", reason,
                    "none: the rollback deployment is marked bad too")), true, false, Finding.error("update.rollback-impossible",
                            "the new deployment " + name + " is " + reason + "; it is marked bad, but the rollback deployment "
                                    + Reports.name(rb.image()) + " is marked bad too: not rolling back into it", null), watch);
        }
        return new Outcome(st.withBad(new UpdateState.Bad(d, booted.image().version(), now, "health", reason, "pending")), true,
                true, null, watch);
    }
}
