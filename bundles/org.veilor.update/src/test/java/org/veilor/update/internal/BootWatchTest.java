package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The rollback rule step by step, on the clock the test gives. */
class BootWatchTest {

    private static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Supplier<List<String>> HEALTHY = List::of;
    private static final Supplier<List<String>> SICK = () -> List.of("veilor.service is failed");

    private static BootcHost.Entry entry(String hex, String version) {
        return new BootcHost.Entry(new BootcHost.Image(Node.IMAGE, "registry", "containerPolicy", "sha256:" + hex.repeat(32),
                version, null), null, false, false, 0, null, null);
    }

    private static final BootcHost.Entry GOOD = entry("1a", "43.20260105.0");
    private static final BootcHost.Entry NEW = entry("2b", "43.20260112.0");
    private static final BootcHost AFTER_REBOOT = new BootcHost("org.containers.bootc/v1", NEW, null, GOOD, false);
    private static final UpdateState KNOWN = UpdateState.empty().withHealthy(GOOD.digest());

    @Test
    void theFirstRunTakesTheBootedImageAsHealthy() {
        BootWatch.Outcome o = BootWatch.step(UpdateState.empty(), AFTER_REBOOT, "b1", T0, WINDOW, SICK);
        assertTrue(o.changed());
        assertTrue(o.state().isHealthy(NEW.digest()));
        assertEquals("update.baseline", o.finding().code());
        assertFalse(o.rollback());
    }

    @Test
    void aNewDeploymentThatBecomesHealthyInTimeIsKept() {
        BootWatch.Outcome w = BootWatch.step(KNOWN, AFTER_REBOOT, "b1", T0, WINDOW, SICK);
        assertEquals("update.watching", w.finding().code());
        assertEquals(T0.plus(WINDOW), w.watch().deadline());
        assertEquals(List.of("veilor.service is failed"), w.watch().problems());
        BootWatch.Outcome h = BootWatch.step(w.state(), AFTER_REBOOT, "b1", T0.plus(WINDOW).minusSeconds(1), WINDOW, HEALTHY);
        assertEquals("update.healthy", h.finding().code());
        assertTrue(h.state().isHealthy(NEW.digest()));
        assertNull(h.state().watching());
        assertNull(BootWatch.step(h.state(), AFTER_REBOOT, "b1", T0.plus(Duration.ofDays(1)), WINDOW, SICK).finding(),
                "a deployment that proved healthy is not watched again");
    }

    @Test
    void anUnhealthyDeploymentIsMarkedBadAndRolledBackOnceOnly() {
        UpdateState st = BootWatch.step(KNOWN, AFTER_REBOOT, "b1", T0, WINDOW, SICK).state();
        BootWatch.Outcome still = BootWatch.step(st, AFTER_REBOOT, "b1", T0.plus(WINDOW).minusMillis(1), WINDOW, SICK);
        assertFalse(still.rollback());
        BootWatch.Outcome due = BootWatch.step(still.state(), AFTER_REBOOT, "b1", T0.plus(WINDOW), WINDOW, SICK);
        assertTrue(due.rollback());
        UpdateState.Bad bad = due.state().bad(NEW.digest()).orElseThrow();
        assertEquals("not healthy within 900 s of booting it: veilor.service is failed", bad.reason());
        assertEquals("pending", bad.rollback());
        assertNull(due.state().watching());
        for (String boot : List.of("b1", "b2")) {
            BootWatch.Outcome again = BootWatch.step(due.state(), AFTER_REBOOT, boot, T0.plus(Duration.ofDays(2)), WINDOW, SICK);
            assertFalse(again.rollback(), "never a second rollback, in this boot or the next");
            assertFalse(again.changed());
            assertNull(again.finding(), "the report names the mark (Reports)");
        }
    }

    @Test
    void eachBootGetsAWholeWindow() {
        UpdateState st = BootWatch.step(KNOWN, AFTER_REBOOT, "b1", T0, WINDOW, SICK).state();
        BootWatch.Outcome nextBoot = BootWatch.step(st, AFTER_REBOOT, "b2", T0.plus(Duration.ofDays(1)), WINDOW, SICK);
        assertFalse(nextBoot.rollback(), "the machine was off meanwhile: the window starts again");
        assertEquals(T0.plus(Duration.ofDays(1)).plus(WINDOW), nextBoot.watch().deadline());
    }

    @Test
    void withNothingToGoBackToOrABadTargetThereIsNoRollback() {
        UpdateState st = BootWatch.step(KNOWN, AFTER_REBOOT, "b1", T0, WINDOW, SICK).state();
        BootcHost alone = new BootcHost("org.containers.bootc/v1", NEW, null, null, false);
        BootWatch.Outcome o = BootWatch.step(st, alone, "b1", T0.plus(WINDOW), WINDOW, SICK);
        assertFalse(o.rollback());
        assertEquals("update.rollback-impossible", o.finding().code());
        assertTrue(o.state().bad(NEW.digest()).orElseThrow().rollback().startsWith("none"));

        UpdateState targetBad = st.withBad(new UpdateState.Bad(GOOD.digest(), null, T0, "admin", "by hand", "done"));
        BootWatch.Outcome t = BootWatch.step(targetBad.withWatching(st.watching()), AFTER_REBOOT, "b1", T0.plus(WINDOW), WINDOW,
                SICK);
        assertFalse(t.rollback());
        assertTrue(t.finding().message().contains("is marked bad too: not rolling back into it"), t.finding().message());
    }

    @Test
    void bootingBackIntoAHealthyImageEndsTheWatch() {
        UpdateState st = BootWatch.step(KNOWN, AFTER_REBOOT, "b1", T0, WINDOW, SICK).state();
        BootWatch.Outcome o = BootWatch.step(st, new BootcHost("v1", GOOD, null, NEW, false), "b2", T0, WINDOW, SICK);
        assertTrue(o.changed());
        assertNull(o.state().watching());
        assertNull(BootWatch.step(st, null, "b1", T0, WINDOW, SICK).finding());
    }
}
