package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.testsupport.FakeSystemdRun;
import org.veilor.testsupport.bootc.BootcHostJson;
import org.veilor.testsupport.bootc.FakeBootc;
import org.veilor.testsupport.bootc.FakeBootc.Step;
import org.veilor.update.UpdateReport;

/** The operations against the fake bootc (real processes through the Host seam) on a node folder. */
class UpdateWorkTest {

    @TempDir
    Path dir;
    private Node node;
    private UpdateWork work;

    @BeforeEach
    void setUp() throws Exception {
        node = new Node(dir);
        work = node.work(new HealthProbe(node.host, () -> Meshes.of(Instant.now())));
    }

    private static Finding find(UpdateReport r, String code) {
        return r.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + r.findings()));
    }

    @Test
    void statusShowsEveryDeploymentWithItsSignatureState() throws Exception {
        node.bootc.status(FakeBootc.fixture("bootc-1.1-staged.json"));
        UpdateReport r = work.status();
        assertTrue(r.done());
        assertEquals(List.of(), r.findings());
        assertEquals("43.20260105.0", r.booted().version());
        assertEquals("sha256:" + "1a".repeat(32), r.booted().digest());
        assertEquals("verified", r.booted().signature().state());
        assertEquals("43.20260112.0", r.staged().version());
        assertEquals(Integer.valueOf(1), r.rollback().deploySerial());
        assertTrue(r.rollback().pinned());
        assertTrue(r.available().staged());
        assertEquals(List.of(List.of("status", "--format=json")), node.bootcCalls());
        assertEquals(r, work.last());
    }

    @Test
    void anUnverifiedOriginIsAnErrorFinding() throws Exception {
        node.bootc.status(FakeBootc.fixture("bootc-unverified-origin.json"));
        UpdateReport r = work.status();
        assertEquals("unverified", r.booted().signature().state());
        Finding f = find(r, "update.unverified");
        assertTrue(f.isError());
        assertTrue(f.message().startsWith("the booted image 43.20260105.0 (sha256:1a1a1a1a1a1a) is unverified: deployed from an"
                + " unverified origin"), f.message());
        assertTrue(Reports.summary(r).contains("signature unverified"), Reports.summary(r));
    }

    @Test
    void checkFindsTheUpdateAndApplyStagesItRebootingOnlyWhenAsked() throws Exception {
        node.bootc.status(BootcHostJson.host(Node.GOOD, null, Node.OLD, null))
                .after(Step.CHECK, BootcHostJson.host(Node.GOOD, null, Node.OLD, Node.NEW))
                .after(Step.UPGRADE, BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW))
                .after(Step.APPLY, BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW));
        UpdateReport c = work.check();
        assertTrue(c.done());
        assertEquals(Node.NEW.digest(), c.available().digest());
        assertFalse(c.available().staged());
        assertTrue(find(c, "update.available").message().endsWith("is available; stage it with update:apply"));
        UpdateReport a = work.apply(false, false);
        assertTrue(a.done(), a.findings().toString());
        assertEquals(Node.NEW.digest(), a.staged().digest());
        assertEquals("staged 43.20260112.0 (sha256:2b2b2b2b2b2b); it boots at the next reboot",
                find(a, "update.staged").message());
        assertFalse(node.bootc.rebooted());
        // A check does not touch what is staged.
        node.bootc.after(Step.CHECK, BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW));
        assertTrue(find(work.apply(false, false), "update.staged").message().endsWith("is already staged; it boots at the next"
                + " reboot"));
        assertEquals(1, node.bootcCalls().stream().filter(c1 -> c1.equals(List.of("upgrade"))).count());
        UpdateReport rebooting = work.apply(true, false);
        assertTrue(rebooting.done(), rebooting.findings().toString());
        assertTrue(node.bootc.rebooted());
        assertTrue(node.bootcCalls().contains(List.of("upgrade", "--apply")));
    }

    @Test
    void failuresBecomeFindingsAndStatusTellsWhatIsStaged() throws Exception {
        node.config.put("commandTimeoutSeconds", 1);
        node.bootc.status(BootcHostJson.host(Node.GOOD, null, Node.OLD, Node.NEW))
                .after(Step.UPGRADE, BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW));

        node.bootc.fail(Step.UPGRADE, 1, "error: Upgrading: Creating importer: failed to invoke method OpenImage: pinging container"
                + " registry ghcr.io: Get \"https://ghcr.io/v2/\": dial tcp: lookup ghcr.io: no such host");
        UpdateReport failed = work.apply(false, false);
        assertFalse(failed.done());
        assertNull(failed.staged(), "nothing staged");
        assertTrue(find(failed, "update.bootc-failed").message().startsWith("bootc upgrade failed (exit 1): error: Upgrading:"));

        node.bootc.fail(Step.UPGRADE, 0, null).failAfter(Step.UPGRADE, "error: reading response: connection reset");
        UpdateReport lost = work.apply(false, false);
        assertFalse(lost.done());
        assertEquals(Node.NEW.digest(), lost.staged().digest(), "staged although bootc failed afterwards: the report says so");

        node.bootc.hang(Step.CHECK, true);
        UpdateReport slow = work.check();
        assertEquals("bootc upgrade --check did not finish within 1 s and was stopped", find(slow, "update.bootc-timeout").message());
        node.bootc.hang(Step.CHECK, false);

        node.bootc.garbage("Error: permission denied\n");
        UpdateReport g = work.status();
        assertFalse(g.done());
        assertNull(g.booted());
        assertTrue(find(g, "update.bootc-garbage").message().endsWith("it begins: Error: permission denied"));
        node.bootc.garbage(null);

        node.bootc.fail(Step.STATUS, 1, "error: Loading sysroot: No such file or directory");
        assertEquals("bootc status --format=json failed (exit 1): error: Loading sysroot: No such file or directory",
                find(work.status(), "update.bootc-failed").message());
        node.bootc.fail(Step.STATUS, 0, null);
        assertTrue(work.status().done(), "back to normal: nothing was left half-done");
    }

    @Test
    void aHeldLockIsReportedAndTheStageIsRetriedLater() throws Exception {
        node.config.put("commandTimeoutSeconds", 1);
        node.config.put("lockRetrySeconds", 120);
        node.bootc.status(BootcHostJson.host(Node.GOOD, null, Node.OLD, Node.NEW))
                .after(Step.UPGRADE, BootcHostJson.host(Node.GOOD, Node.NEW, Node.OLD, Node.NEW));
        node.bootc.lock(true, false);
        UpdateReport r = work.apply(true, false);
        assertFalse(r.done());
        Finding f = find(r, "update.bootc-locked");
        assertEquals("another bootc or rpm-ostree operation holds the sysroot lock: bootc status --format=json printed \"Waiting"
                + " for sysroot lock...\" and did not finish within 1 s; the agent stages the update again in 120 s (attempt 1 of"
                + " 10; it does not reboot by itself: run update:apply --reboot again)", f.message());
        assertEquals(List.of(Duration.ofSeconds(120)), node.retries);
        node.bootc.lock(true, true);
        assertTrue(find(work.apply(false, false), "update.bootc-locked").message().startsWith(
                "bootc status --format=json did not answer within 1 s; it waits while another bootc"));
        assertEquals(0, node.calls("upgrade"));

        node.bootc.lock(false, false);
        node.retryTasks.get(0).run();
        assertEquals(List.of(List.of("upgrade", "--check"), List.of("upgrade")), node.bootcCalls().stream()
                .filter(c -> c.get(0).equals("upgrade")).toList(), "the retry stages and does not reboot");
        assertEquals(Node.NEW.digest(), work.last().staged().digest());
        assertFalse(node.bootc.rebooted());
    }

    @Test
    void anotherImageIsRefusedWithoutTouchingBootc() throws Exception {
        node.config.put("image", "ghcr.io/someone-else/os:43");
        node.bootc.status(BootcHostJson.host(Node.GOOD, null, Node.OLD, Node.NEW));
        for (UpdateReport r : List.of(work.check(), work.apply(false, false))) {
            assertFalse(r.done());
            assertEquals("the booted image is ghcr.io/veilor/veilor-os, the configured one ghcr.io/someone-else/os: updating"
                    + " would switch images; use bootc switch by hand (or fix image in org.veilor.update)",
                    find(r, "update.other-image").message());
        }
        assertEquals(0, node.calls("upgrade"));
        assertTrue(find(work.status(), "update.other-image").isError(), "status shows it too");
        node.config.put("image", "ghcr.io/veilor/veilor-os:44");
        assertFalse(find(work.status(), "update.other-tag").isError());
        assertTrue(work.check().done(), "another tag is a warning: bootc follows the booted tag");
    }

    @Test
    void aRollbackByHandMarksTheImageSoItIsNotStagedAgain() throws Exception {
        node.bootc.status(BootcHostJson.host(Node.NEW, null, Node.GOOD, null))
                .after(Step.ROLLBACK, BootcHostJson.host(Node.NEW, null, Node.GOOD, null).replace("\"rollbackQueued\" : false",
                        "\"rollbackQueued\" : true"));
        UpdateReport r = work.rollback();
        assertTrue(r.done(), r.findings().toString());
        assertTrue(r.rollbackQueued());
        assertEquals(1, node.calls("rollback"));
        UpdateState.Bad bad = new StateStore(node.host, node.settings().stateFile()).load().bad(Node.NEW.digest()).orElseThrow();
        assertEquals("admin", bad.by());
        assertEquals("done", bad.rollback());

        // Back on the good image after the reboot, a check finds the bad one again: apply refuses it.
        node.bootc.status(BootcHostJson.host(Node.GOOD, null, Node.NEW, Node.NEW));
        UpdateReport a = work.apply(false, false);
        assertFalse(a.done());
        assertTrue(find(a, "update.marked-bad").message().contains("rolled back by hand (update:rollback)"));
        assertTrue(a.available().markedBad().startsWith("marked bad at "));
        assertEquals(0, node.calls("upgrade") - 1, "only the --check ran");
        node.bootc.after(Step.UPGRADE, BootcHostJson.host(Node.GOOD, Node.NEW, null, Node.NEW));
        assertTrue(work.apply(false, true).done(), "--force stages it anyway");

        node.bootc.status(BootcHostJson.host(Node.GOOD, null, null, null));
        assertEquals("there is no rollback deployment to go back to", find(work.rollback(), "update.no-rollback").message());
    }

    @Test
    void throughSystemdRunEachCallIsATransientUnitBoundedByTheTimeout() throws Exception {
        FakeSystemdRun.install(node.fakes);
        node.config.put("systemdRun", true);
        node.bootc.status(FakeBootc.fixture("bootc-current-staged.json"));
        assertTrue(work.status().done());
        assertEquals(List.of("--wait", "--pipe", "--quiet", "--collect", "--service-type=exec", "--property=RuntimeMaxSec=5",
                "--", "bootc", "status", "--format=json"), node.fakes.calls("systemd-run").get(0));
        assertEquals(List.of(List.of("status", "--format=json")), node.bootcCalls());
    }

    @Test
    void withoutBootcTheHostIsNotBootcManaged() throws Exception {
        UpdateWork bare = new UpdateWork(new org.veilor.core.LocalHost(node.root, List.of(Path.of("/nonexistent"))),
                node::settings, new HealthProbe(node.host, () -> null), java.time.Clock.systemUTC(), (d, t) -> { });
        assertEquals("bootc is not on the executable search path: this is not a bootc-managed host",
                find(bare.status(), "update.bootc-missing").message());
    }
}
