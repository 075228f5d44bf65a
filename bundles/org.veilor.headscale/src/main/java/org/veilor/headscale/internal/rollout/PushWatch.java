package org.veilor.headscale.internal.rollout;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Finding;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.internal.PolicySettings;
import org.veilor.headscale.internal.policy.PolicyPairs;
import org.veilor.headscale.internal.policy.TierModel;

/**
 * Keep-last-good for one push: looks at the machines Headscale reports online every poll interval
 * for the watch window. When a {@code tag:admin} machine that was online before the push is not any
 * more, it pushes the last good policy back (the newest good one in the history, else what the
 * server held before) and leaves an error finding; when the window passes, a confirmed push becomes
 * the last good one.
 */
final class PushWatch implements Runnable {

    private final Logger logger = LoggerFactory.getLogger(PushWatch.class);
    private final PolicyRollout rollout;
    private final PolicyPush push;
    private final PolicyPlan plan;
    private final OnlineNodes baseline;
    private final ScheduledExecutorService executor;
    private final long deadline;
    private final Duration window;
    private final Duration interval;
    private final CompletableFuture<PolicyPush> outcome = new CompletableFuture<>();
    private int looks;
    private OnlineNodes last;
    private String lastError;

    PushWatch(PolicyRollout rollout, PolicyPush push, PolicyPlan plan, OnlineNodes baseline, PolicySettings settings,
            ScheduledExecutorService executor) {
        this.rollout = rollout;
        this.push = push;
        this.plan = plan;
        this.baseline = baseline;
        this.executor = executor;
        this.window = settings.watchWindow();
        this.interval = settings.pollInterval();
        this.deadline = System.nanoTime() + window.toNanos();
    }

    CompletableFuture<PolicyPush> start() {
        executor.execute(this);
        return outcome;
    }

    @Override
    public void run() {
        try {
            if (look()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                outcome.complete(end());
            } else {
                executor.schedule(this, Math.min(left, interval.toNanos()), TimeUnit.NANOSECONDS);
            }
        } catch (SQLException | RuntimeException e) {
            logger.warn("watching policy push #{} failed: {}", push.id(), e.getMessage(), e);
            outcome.completeExceptionally(e);
        }
    }

    /** One look; true when admin machines were lost and the watch ended with a rollback. */
    private boolean look() throws SQLException {
        OnlineNodes now;
        try {
            now = OnlineNodes.read(rollout.client());
        } catch (HeadscaleException e) {
            lastError = e.getMessage();
            logger.debug("watch of policy push #{}: {}", push.id(), e.getMessage());
            return false;
        }
        looks++;
        last = now;
        List<String> lost = now.adminLostSince(baseline);
        if (lost.isEmpty()) {
            return false;
        }
        outcome.complete(restore(lost));
        return true;
    }

    private PolicyPush end() throws SQLException {
        String before = baseline.online().getOrDefault(TierModel.ADMIN, java.util.Map.of()).values().toString();
        if (looks == 0) {
            Finding f = Finding.error("headscale.policy-unverified", "push #" + push.id() + ": the online machines could not be read during the "
                    + seconds(window) + " watch (" + lastError + "); not recorded as good", location());
            logger.warn("{}", f);
            rollout.store().watched(push.id(), push.state() == PushState.WATCHING ? PushState.UNVERIFIED : push.state(), f.message(), f);
            return rollout.store().find(push.id()).orElseThrow();
        }
        String watch = "watched " + seconds(window) + " (" + looks + " looks): " + TierModel.ADMIN + " online before " + before
                + (before.equals("[]") ? " (nothing to lose)" : " stayed online") + "; online now: " + last.counts();
        if (push.state() == PushState.WATCHING) {
            rollout.store().watched(push.id(), PushState.GOOD, watch, null);
        } else {
            Finding f = Finding.warning("headscale.policy-unconfirmed", "push #" + push.id() + " is on the server but Headscale did not confirm it ("
                    + push.state().label() + "); it is not recorded as good: push it again to confirm it", location());
            rollout.store().watched(push.id(), push.state(), watch, f);
        }
        return rollout.store().find(push.id()).orElseThrow();
    }

    /** Pushes the last good policy back and records the loss as an error finding. */
    private PolicyPush restore(List<String> lost) throws SQLException {
        String watch = TierModel.ADMIN + " lost " + String.join(", ", lost) + " (online before the push: "
                + baseline.online().get(TierModel.ADMIN).values() + "); online now: " + last.counts();
        PolicyStore store = rollout.store();
        Optional<PolicyPush> good = store.lastGoodOtherThan(plan.candidate());
        String target = good.map(PolicyPush::policy).orElse(plan.server().text());
        String name = good.map(g -> "#" + g.id()).orElse("the policy the server held before");
        Finding finding;
        PushState state;
        if (target.isBlank() || target.equals(plan.candidate())) {
            state = PushState.ADMIN_LOST;
            finding = Finding.error("headscale.policy-admin-lost", "push #" + push.id() + ": " + watch
                    + "; there is no earlier good policy to push back: restore access by hand", location());
        } else {
            boolean reverse = target.equals(plan.server().text()) && plan.diff() != null;
            List<PolicyPairs.Pair> pairs = good.map(PolicyPush::pairs).orElse(plan.before() == null ? List.of() : plan.before().pairs());
            long id = store.begin(PolicyRollout.KEEP_LAST_GOOD, "automatic rollback of #" + push.id() + " to " + name, plan.serverUrl(),
                    plan.version().toString(), target, pairs, reverse ? plan.diff().losses().size() : null,
                    reverse ? plan.diff().gains().size() : null);
            PolicyRollout.Answer answer = rollout.send(target, plan.candidate());
            PushState restored = answer.state() == PushState.WATCHING ? PushState.RESTORED : answer.state();
            store.answered(id, restored, answer.text());
            boolean back = restored == PushState.RESTORED || restored == PushState.UNCONFIRMED;
            state = back ? PushState.ROLLED_BACK : PushState.ADMIN_LOST;
            finding = Finding.error(back ? "headscale.policy-rolled-back" : "headscale.policy-admin-lost", "push #" + push.id() + ": " + watch
                    + (back ? "; pushed back " + name + " as #" + id : "; pushing back " + name + " as #" + id + " failed: " + answer.text()),
                    location());
        }
        logger.warn("{}", finding);
        store.watched(push.id(), state, watch, finding);
        return store.find(push.id()).orElseThrow();
    }

    private String location() {
        return "headscale policy #" + push.id();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
