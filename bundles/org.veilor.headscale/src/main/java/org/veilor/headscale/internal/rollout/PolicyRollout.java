package org.veilor.headscale.internal.rollout;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Finding;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.StoredPolicy;
import org.veilor.headscale.internal.PolicySettings;

/**
 * Pushes a checked policy so that it cannot take the tailnet down: it records the push before
 * asking the server, reads the policy back and compares it, then watches the {@code tag:admin}
 * machines Headscale reports online for the configured window ({@link PushWatch}); a push whose
 * answer was lost is never recorded as good. One push is watched at a time.
 */
public final class PolicyRollout {

    /** Who the automatic restore is recorded as. */
    static final String KEEP_LAST_GOOD = "keep-last-good";

    /**
     * A push that went out.
     *
     * @param push its row after the server's answer
     * @param outcome its row once the watch is over (at once when there is nothing to watch)
     */
    public record Pushed(PolicyPush push, CompletableFuture<PolicyPush> outcome) {
    }

    private final Logger logger = LoggerFactory.getLogger(PolicyRollout.class);
    private final HeadscaleClient client;
    private final PolicyStore store;
    private final Supplier<PolicySettings> settings;
    private final ScheduledExecutorService executor;
    private CompletableFuture<PolicyPush> watching = CompletableFuture.completedFuture(null);
    private long watchedId;

    /**
     * @param settings the tier model and the watch window in force (read at each push)
     * @param executor runs the watch; owned by the caller
     */
    public PolicyRollout(HeadscaleClient client, PolicyStore store, Supplier<PolicySettings> settings, ScheduledExecutorService executor) {
        this.client = client;
        this.store = store;
        this.settings = settings;
        this.executor = executor;
    }

    public HeadscaleClient client() {
        return client;
    }

    public PolicyStore store() {
        return store;
    }

    /** Judges a candidate against the server (see {@link PolicyPlanner}). */
    public PolicyPlan plan(String candidate, String origin) throws HeadscaleException {
        return new PolicyPlanner(client, settings.get().model()).plan(candidate, origin);
    }

    /**
     * Pushes a plan whose checks passed (the caller has the operator's confirmation for any loss).
     *
     * @param who the shell user
     * @throws IllegalStateException when the checks failed or another push is still watched
     * @throws HeadscaleException when the online machines cannot be read before the push (nothing was sent)
     */
    public Pushed push(PolicyPlan plan, String who) throws HeadscaleException, SQLException {
        if (!plan.report().passed()) {
            throw new IllegalStateException("policy refused: " + plan.report().failed().size() + " checks failed" + plan.report().failureSummary());
        }
        synchronized (this) {
            if (!watching.isDone()) {
                throw new IllegalStateException("push #" + watchedId + " is still being watched; push again when it is over (headscale:policy --history)");
            }
            OnlineNodes baseline = OnlineNodes.read(client);
            var diff = plan.diff();
            long id = store.begin(who, plan.origin(), plan.serverUrl(), plan.version().toString(), plan.candidate(), plan.pairs(),
                    diff == null ? null : diff.gains().size(), diff == null ? null : diff.losses().size());
            Answer answer = send(plan.candidate(), plan.server().text());
            PolicyPush row;
            try {
                store.answered(id, answer.state(), answer.text());
                row = store.find(id).orElseThrow();
            } catch (SQLException e) {
                throw new SQLException("push #" + id + " went to the server (" + answer.state().label() + ": " + answer.text()
                        + ") but could not be recorded, and is not watched: " + e.getMessage() + "; compare with headscale:policy --diff",
                        e.getSQLState(), e);
            }
            if (answer.state() == PushState.MISMATCH) {
                Finding f = Finding.error("headscale.policy-mismatch", "push #" + id + ": " + answer.text()
                        + "; not recorded as good (another change may have come between)", "headscale policy #" + id);
                logger.warn("{}", f);
                store.watched(id, PushState.MISMATCH, null, f);
                return new Pushed(row, CompletableFuture.completedFuture(store.find(id).orElseThrow()));
            }
            if (!answer.state().mayBeLive()) {
                return new Pushed(row, CompletableFuture.completedFuture(row));
            }
            watchedId = id;
            watching = new PushWatch(this, row, plan, baseline, settings.get(), executor).start();
            return new Pushed(row, watching);
        }
    }

    /**
     * Ends a watch in progress (the component stops): whoever waits for it hears why; the push
     * stays "watching" in the history.
     */
    public synchronized void stop() {
        watching.completeExceptionally(new IllegalStateException("the watch of push #" + watchedId
                + " stopped with org.veilor.headscale.rollout; it stays 'watching' in the history and is not good"));
    }

    /**
     * The stored push to go back to: history number {@code id}, or without one the newest good
     * push whose policy differs from the server's.
     *
     * @throws IllegalArgumentException when there is none
     */
    public PolicyPush rollbackTarget(Long id) throws HeadscaleException, SQLException {
        if (id != null) {
            return store.find(id).orElseThrow(() -> new IllegalArgumentException("no policy #" + id + " in the history (headscale:policy --history)"));
        }
        return store.lastGoodOtherThan(client.readPolicy().text()).orElseThrow(() -> new IllegalArgumentException(
                "no earlier good policy to roll back to (headscale:policy --history lists them)"));
    }

    public List<PolicyPush> history() throws SQLException {
        return store.list();
    }

    /** The server's answer to a push and what reading back showed. */
    record Answer(PushState state, String text) {
    }

    /**
     * Stores a policy and reads it back. A failure that may have acted (no answer, 5xx) is settled by
     * reading back: the server holds the new text (unconfirmed), kept the old one (failed), or cannot
     * be read (unknown).
     */
    Answer send(String policy, String before) {
        String answer;
        try {
            StoredPolicy stored = client.storePolicy(policy);
            answer = "stored" + (stored.updatedAt() == null ? "" : " at " + stored.updatedAt());
        } catch (HeadscaleException e) {
            if (!e.kind().mayHaveActed()) {
                return new Answer(PushState.FAILED, e.getMessage());
            }
            Optional<String> back = readBack();
            if (back.isEmpty()) {
                return new Answer(PushState.UNKNOWN, e.getMessage() + "; reading back failed too");
            }
            if (back.get().equals(policy)) {
                return new Answer(PushState.UNCONFIRMED, e.getMessage() + "; read back: the server holds the new policy");
            }
            if (back.get().equals(before)) {
                return new Answer(PushState.FAILED, e.getMessage() + "; read back: the server kept its policy");
            }
            return new Answer(PushState.MISMATCH, e.getMessage() + "; read back: the server holds another policy (sha256 "
                    + PolicyStore.sha256(back.get()).substring(0, 12) + ")");
        }
        Optional<String> back = readBack();
        if (back.isEmpty()) {
            return new Answer(PushState.UNKNOWN, answer + "; reading it back failed");
        }
        if (!back.get().equals(policy)) {
            return new Answer(PushState.MISMATCH, answer + "; read back: the server holds another policy (sha256 "
                    + PolicyStore.sha256(back.get()).substring(0, 12) + ")");
        }
        return new Answer(PushState.WATCHING, answer + "; read back: identical");
    }

    private Optional<String> readBack() {
        try {
            return Optional.of(client.readPolicy().text());
        } catch (HeadscaleException e) {
            logger.debug("reading the policy back failed: {}", e.getMessage());
            return Optional.empty();
        }
    }
}
