package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshSupervisor;
import org.veilor.testsupport.ManualClock;
import org.veilor.testsupport.bootc.BootcHostJson;
import org.veilor.testsupport.bootc.FakeBootc.Step;
import org.veilor.update.UpdateReport;

/**
 * The rollback rule on a node folder: after a reboot into a new deployment, unhealthy past the
 * window means one bootc rollback — and never another, across agent restarts.
 */
class RollbackRuleTest {

    private static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");

    @TempDir
    Path dir;
    private Node node;
    private ManualClock clock;
    private volatile MeshSupervisor mesh;

    @BeforeEach
    void setUp() throws Exception {
        node = new Node(dir);
        clock = ManualClock.standingAt(T0);
        mesh = Meshes.of(T0, Meshes.layer(LayerKind.L3A, "tailscale", LayerState.ACTIVE, "100.64.0.7"));
        // Before the reboot: the good image booted and known healthy, the new one staged.
        node.bootc.status(BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW));
        UpdateWork first = work();
        assertFalse(first.watch());
        find(first.last(), "update.baseline");
        // The reboot: the new deployment is booted, the good one is the rollback.
        node.bootc.status(BootcHostJson.host(Node.NEW, null, Node.GOOD, null))
                .after(Step.ROLLBACK, BootcHostJson.host(Node.NEW, null, Node.GOOD, null)
                        .replace("\"rollbackQueued\" : false", "\"rollbackQueued\" : true"));
    }

    private UpdateWork work() {
        return node.work(new HealthProbe(node.host, () -> mesh), clock);
    }

    private static Finding find(UpdateReport r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + r.findings()));
    }

    @Test
    void anUnhealthyBootIsRolledBackExactlyOnce() throws Exception {
        node.systemctl.active("veilor.service", "failed");
        UpdateWork w = work();
        assertTrue(w.watch(), "watching");
        assertEquals(T0.plusSeconds(60), w.last().watch().deadline());
        assertEquals("veilor.service is failed", w.last().watch().problems().get(0));
        clock.advance(Duration.ofSeconds(59));
        assertTrue(w.watch());
        assertEquals(0, node.calls("rollback"));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(w.watch(), "the verdict ends the watch");
        assertEquals(1, node.calls("rollback"));
        Finding f = find(w.last(), "update.rolled-back");
        assertTrue(f.isError());
        assertEquals("the new deployment 43.20260112.0 (sha256:2b2b2b2b2b2b) was not healthy within 60 s of booting it:"
                + " veilor.service is failed: it is marked bad and bootc rollback ran (once); the previous deployment"
                + " 43.20260105.0 (sha256:1a1a1a1a1a1a) boots at the next reboot", f.message());
        assertTrue(w.last().rollbackQueued());

        // The agent restarts (Karaf restart, or the machine is still up on the bad deployment): no second rollback.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(1));
            UpdateWork again = work();
            assertFalse(again.watch());
            assertTrue(find(again.last(), "update.marked-bad").message().endsWith("; rollback: done; the previous deployment"
                    + " boots at the next reboot"), find(again.last(), "update.marked-bad").message());
        }
        assertEquals(1, node.calls("rollback"));
        UpdateState.Bad bad = new StateStore(node.host, node.settings().stateFile()).load().bad(Node.NEW.digest()).orElseThrow();
        assertEquals("done", bad.rollback());
        assertEquals("health", bad.by());
    }

    @Test
    void aBootThatBecomesHealthyInTimeIsKept() throws Exception {
        mesh = Meshes.of(T0, Meshes.layer(LayerKind.L3B, "yggdrasil", LayerState.DOWN, "no peer up"));
        UpdateWork w = work();
        assertTrue(w.watch());
        assertTrue(w.last().watch().problems().contains("L3b (Yggdrasil) is down: no peer up"));
        clock.advance(Duration.ofSeconds(30));
        mesh = Meshes.of(T0, Meshes.layer(LayerKind.L3B, "yggdrasil", LayerState.IDLE, "1 peer up"));
        assertFalse(w.watch());
        find(w.last(), "update.healthy");
        clock.advance(Duration.ofHours(2));
        node.systemctl.active("veilor.service", "failed");
        assertFalse(work().watch(), "a deployment that proved healthy is not judged again");
        assertEquals(0, node.calls("rollback"));
    }

    @Test
    void aFailedRollbackIsReportedAndNotRetried() throws Exception {
        node.systemctl.active("veilor.service", "failed");
        node.bootc.fail(Step.ROLLBACK, 1, "error: Rollback: No rollback deployment available");
        UpdateWork w = work();
        w.watch();
        clock.advance(Duration.ofSeconds(61));
        w.watch();
        assertTrue(find(w.last(), "update.rollback-failed").message().contains("does not try again"));
        assertEquals("bootc rollback failed (exit 1): error: Rollback: No rollback deployment available",
                find(w.last(), "update.bootc-failed").message());
        clock.advance(Duration.ofSeconds(61));
        work().watch();
        assertEquals(1, node.calls("rollback"));
    }

    @Test
    void anUnreadableStateMeansNothingAutomatic() throws Exception {
        node.systemctl.active("veilor.service", "failed");
        Path state = node.root.resolve(node.settings().stateFile().substring(1));
        Files.writeString(state, "{ not json");
        UpdateWork w = work();
        assertFalse(w.watch());
        clock.advance(Duration.ofHours(1));
        assertFalse(w.watch());
        assertEquals(0, node.calls("rollback"));
        assertTrue(find(w.last(), "update.state").message().endsWith("the agent does nothing automatic until it is fixed or"
                + " removed"));
        assertEquals("{ not json", Files.readString(state), "left for the admin to look at");
    }
}
