package org.veilor.headscale.internal.rollout;

import java.time.Instant;
import java.util.List;
import org.veilor.core.Finding;
import org.veilor.headscale.internal.policy.PolicyPairs.Pair;

/**
 * One stored push: what was pushed, by whom, its pairs, the server's answer and how it ended.
 *
 * @param id the history number ({@code headscale:policy --rollback N})
 * @param pushedAt when it was recorded, just before the server was asked
 * @param pushedBy the shell user, or {@code keep-last-good} for an automatic restore
 * @param origin what was pushed: the rendered tier policy, a file, a rollback
 * @param serverUrl the Headscale it went to
 * @param serverVersion that server's version
 * @param policy the HuJSON text sent
 * @param pairs its allowed pairs
 * @param gained pairs gained against the server's policy before the push, or {@code null} when unknown
 * @param lost pairs lost against it, or {@code null} when unknown
 * @param state where it stands
 * @param answer the server's answer (or the failure), and what reading back showed
 * @param watch what the watch saw
 * @param finding the finding the push left (an error when admin machines were lost), or {@code null}
 * @param updatedAt when the row last changed
 */
public record PolicyPush(long id, Instant pushedAt, String pushedBy, String origin, String serverUrl, String serverVersion, String policy,
        List<Pair> pairs, Integer gained, Integer lost, PushState state, String answer, String watch, Finding finding,
        Instant updatedAt) {

    public PolicyPush {
        pairs = List.copyOf(pairs);
    }

    public int pairCount() {
        return pairs.size();
    }

    /** {@code +2 −1} against the server's policy before; {@code ?} when that could not be evaluated. */
    public String change() {
        return gained == null || lost == null ? "?" : "+" + gained + " -" + lost;
    }
}
