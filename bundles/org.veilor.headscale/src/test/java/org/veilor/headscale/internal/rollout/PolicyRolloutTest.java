package org.veilor.headscale.internal.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Severity;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.policy.PolicyPairs;
import org.veilor.headscale.internal.policy.TierPolicyRenderer;

/**
 * Pushes against the fake Headscale with the history in a real database: recorded and watched,
 * refused before anything is sent, rolled back when admin machines drop, and never recorded as
 * good when the server fails mid-push. Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class PolicyRolloutTest {

    static final Duration WATCH = Duration.ofMillis(600);
    static final String V = "0.29.2";

    @TempDir
    Path dir;
    RolloutFixture f;
    String tier;

    abstract String database();

    @BeforeEach
    void start() throws Exception {
        f = new RolloutFixture(database(), dir, V, WATCH);
        tier = TierPolicyRenderer.render(f.settings.model(), HeadscaleVersion.parse(V));
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private PolicyPush pushToEnd(String policy, String who) throws Exception {
        PolicyRollout.Pushed p = f.rollout.push(f.rollout.plan(policy, "test"), who);
        return p.outcome().get(60, TimeUnit.SECONDS);
    }

    private String variant(String marker) {
        return tier.replace("\"acls\": [", "\"acls\": [\n    // " + marker);
    }

    @Test
    void aCheckedPushIsRecordedReadBackWatchedAndBecomesGood() throws Exception {
        PolicyPlan plan = f.rollout.plan(tier, "tier policy");
        assertTrue(plan.report().passed(), plan.report().failureSummary());
        assertTrue(plan.server().text().isEmpty());
        assertTrue(plan.diff().lines().contains("tag:guest loses tag:admin:*"), "no policy stored = Headscale allows all: " + plan.diff().lines());
        assertTrue(plan.needsConfirmation());

        PolicyRollout.Pushed pushed = f.rollout.push(plan, "alice");
        assertEquals(PushState.WATCHING, pushed.push().state());
        assertTrue(pushed.push().answer().matches("stored at \\S+; read back: identical"), pushed.push().answer());
        PolicyPush end = pushed.outcome().get(60, TimeUnit.SECONDS);
        assertEquals(PushState.GOOD, end.state(), String.valueOf(end.finding()));
        assertTrue(end.watch().contains("tag:admin online before [onyx, failsafe] stayed online"), end.watch());
        assertTrue(end.watch().endsWith("online now: tag:admin 2, tag:guest 1, tag:infra 1"), end.watch());
        assertNull(end.finding());
        assertEquals(tier, f.fake.policy());

        List<PolicyPush> history = new PolicyStore(f.dataSource).list();
        assertEquals(1, history.size());
        PolicyPush stored = history.get(0);
        assertEquals("alice", stored.pushedBy());
        assertEquals(f.fake.url().toString(), stored.serverUrl());
        assertEquals(V, stored.serverVersion());
        assertEquals(tier, stored.policy());
        assertEquals(plan.pairs(), stored.pairs());
        assertTrue(stored.pairs().contains(new PolicyPairs.Pair("tag:guest", "x.veilor", "", "443")), stored.pairs().toString());
        assertEquals(plan.diff().gains().size(), stored.gained());
        assertEquals(plan.diff().losses().size(), stored.lost());
    }

    @Test
    void aTypoThatDropsAdminReachIsRefusedAndNothingIsSentOrRecorded() throws Exception {
        pushToEnd(tier, "alice");
        String typo = tier.replace("\"dst\": [\"*:*\"]", "\"dst\": [\"*:80,443\"]");
        PolicyPlan plan = f.rollout.plan(typo, "file typo.hujson");
        assertFalse(plan.report().passed());
        String failures = plan.report().failureSummary();
        assertTrue(failures.contains("the failsafe key's machine (tag:admin) loses SSH to nullstone (tag:infra): no rule allows port 22/tcp"), failures);
        assertTrue(failures.contains("no rule gives tag:admin \"*:*\""), failures);
        assertTrue(plan.diff().lines().contains("tag:admin loses tag:infra:0-79,81-442,444-65535"), plan.diff().lines().toString());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.rollout.push(plan, "alice"));
        assertTrue(e.getMessage().startsWith("policy refused"), e.getMessage());
        assertEquals(tier, f.fake.policy(), "nothing was sent");
        assertEquals(1, f.store.list().size(), "nothing was recorded");
    }

    @Test
    void adminMachinesLostAfterAPushBringBackTheLastGoodPolicy() throws Exception {
        PolicyPush good = pushToEnd(tier, "alice");
        assertEquals(PushState.GOOD, good.state());
        // the tailnet's reaction: under the bad change onyx loses its path to the control server
        f.fake.onPolicyStored(p -> f.fake.online(f.onyx.id(), !p.contains("bad change")));
        PolicyPush bad = pushToEnd(variant("bad change"), "bob");
        assertEquals(PushState.ROLLED_BACK, bad.state());
        assertEquals(Severity.ERROR, bad.finding().severity());
        assertEquals("headscale.policy-rolled-back", bad.finding().code());
        assertTrue(bad.finding().message().startsWith("push #2: tag:admin lost onyx (online before the push: [onyx, failsafe])"),
                bad.finding().message());
        assertTrue(bad.finding().message().endsWith("; pushed back #1 as #3"), bad.finding().message());
        assertEquals(tier, f.fake.policy(), "the last good policy is back on the server");
        assertTrue(f.fake.online(f.onyx.id()), "and onyx with it");
        PolicyPush restore = f.store.find(3).orElseThrow();
        assertEquals(PushState.RESTORED, restore.state());
        assertEquals(PolicyRollout.KEEP_LAST_GOOD, restore.pushedBy());
        assertEquals("automatic rollback of #2 to #1", restore.origin());
        assertEquals(good.pairs(), restore.pairs());
        assertEquals(List.of(PushState.RESTORED, PushState.ROLLED_BACK, PushState.GOOD), f.store.list().stream().map(PolicyPush::state).toList());
    }

    @Test
    void aLossWithNoEarlierGoodPolicyIsAnErrorFindingWithoutAPushBack() throws Exception {
        f.fake.onPolicyStored(p -> f.fake.online(f.failsafe.id(), false));
        PolicyPush first = pushToEnd(tier, "alice");
        assertEquals(PushState.ADMIN_LOST, first.state());
        assertEquals("headscale.policy-admin-lost", first.finding().code());
        assertTrue(first.finding().message().contains("tag:admin lost failsafe"), first.finding().message());
        assertTrue(first.finding().message().endsWith("there is no earlier good policy to push back: restore access by hand"));
        assertEquals(1, f.store.list().size());
    }

    @Test
    void aPushWhoseAnswerIsLostAfterTheServerActedIsNeverGood() throws Exception {
        f.fake.loseNextAnswer("PUT", "/api/v1/policy");
        PolicyRollout.Pushed p = f.rollout.push(f.rollout.plan(tier, "tier policy"), "alice");
        assertEquals(PushState.UNCONFIRMED, p.push().state());
        assertTrue(p.push().answer().startsWith("Headscale at " + f.fake.url() + " closed the connection without answering when asked to "
                + "store the policy; it may have done it"), p.push().answer());
        assertTrue(p.push().answer().endsWith("; read back: the server holds the new policy"), p.push().answer());
        PolicyPush end = p.outcome().get(60, TimeUnit.SECONDS);
        assertEquals(PushState.UNCONFIRMED, end.state(), "watched, but not good");
        assertEquals(Severity.WARNING, end.finding().severity());
        assertEquals("headscale.policy-unconfirmed", end.finding().code());
        assertTrue(f.store.list().stream().noneMatch(x -> x.state() == PushState.GOOD));
        assertEquals(PushState.GOOD, pushToEnd(tier, "alice").state(), "pushing it again confirms it");
    }

    @Test
    void aServerErrorAfterActingIsUnconfirmedAndAProxyRefusalIsAFailure() throws Exception {
        f.fake.failNextAfterActing(1);
        PolicyPush acted = pushToEnd(tier, "alice");
        assertEquals(PushState.UNCONFIRMED, acted.state());
        assertTrue(acted.answer().startsWith("Headscale failed to store the policy (HTTP 500, INTERNAL)"), acted.answer());

        f.fake.refuseNext("PUT", "/api/v1/policy", 503);
        PolicyRollout.Pushed refused = f.rollout.push(f.rollout.plan(variant("second"), "test"), "alice");
        assertEquals(PushState.FAILED, refused.push().state());
        assertTrue(refused.push().answer().endsWith("; read back: the server kept its policy"), refused.push().answer());
        assertTrue(refused.outcome().isDone(), "nothing to watch");
        assertEquals(tier, f.fake.policy());
        assertTrue(f.store.list().stream().noneMatch(x -> x.state() == PushState.GOOD));
    }

    @Test
    void aServerGoneAfterActingLeavesAnUnknownPushAndAnErrorFinding() throws Exception {
        f.fake.loseNextAnswer("PUT", "/api/v1/policy");
        f.fake.onPolicyStored(p -> f.fake.unavailable(true));
        PolicyRollout.Pushed p = f.rollout.push(f.rollout.plan(tier, "tier policy"), "alice");
        assertEquals(PushState.UNKNOWN, p.push().state());
        assertTrue(p.push().answer().endsWith("; reading back failed too"), p.push().answer());
        PolicyPush end = p.outcome().get(60, TimeUnit.SECONDS);
        assertEquals(PushState.UNKNOWN, end.state());
        assertEquals("headscale.policy-unverified", end.finding().code());
        assertEquals(Severity.ERROR, end.finding().severity());
        assertTrue(end.finding().message().contains("the online machines could not be read during the 0.6 s watch"), end.finding().message());
        assertTrue(f.store.list().stream().noneMatch(x -> x.state() == PushState.GOOD));
    }

    @Test
    void oneWatchAtATimeAndRollbackTargets() throws Exception {
        PolicyPush first = pushToEnd(tier, "alice");
        PolicyPush second = pushToEnd(variant("second"), "alice");
        assertEquals(PushState.GOOD, second.state());
        assertEquals(first.id(), f.rollout.rollbackTarget(null).id(), "the newest good policy the server does not hold");
        assertEquals(second.id(), f.rollout.rollbackTarget(second.id()).id());
        assertThrows(IllegalArgumentException.class, () -> f.rollout.rollbackTarget(99L));

        try (RolloutFixture slow = new RolloutFixture(database(), java.nio.file.Files.createDirectories(dir.resolve("slow")), V,
                Duration.ofMinutes(10))) {
            PolicyRollout.Pushed watched = slow.rollout.push(slow.rollout.plan(tier, "tier"), "alice");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> slow.rollout.push(slow.rollout.plan(variant("other"), "other"), "bob"));
            assertEquals("push #1 is still being watched; push again when it is over (headscale:policy --history)", e.getMessage());
            slow.rollout.stop();
            java.util.concurrent.ExecutionException stopped = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> watched.outcome().get(60, TimeUnit.SECONDS));
            assertTrue(stopped.getCause().getMessage().startsWith("the watch of push #1 stopped"), "a waiting command hears why");
            assertEquals(PushState.WATCHING, slow.store.find(1).orElseThrow().state(), "and it is not good");
        }
    }
}
