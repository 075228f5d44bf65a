package org.veilor.headscale.internal.rollout;

import java.util.List;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.StoredPolicy;
import org.veilor.headscale.internal.policy.PolicyDiff;
import org.veilor.headscale.internal.policy.PolicyPairs;
import org.veilor.headscale.internal.policy.PolicyReport;

/**
 * A policy about to be pushed, judged against the server: the evaluator's checks, its allowed pairs,
 * and what changes from the policy the server holds now.
 *
 * @param candidate the HuJSON text to push
 * @param origin what it is: the rendered tier policy, a file, a rollback
 * @param serverUrl the server
 * @param version the server's version (the checks and the dialect follow it)
 * @param versionSource where the version came from
 * @param server the policy the server holds now
 * @param report the evaluator's checks (its tests, the tier tests, the promises, the failsafe reach)
 * @param before the server policy's pairs, or {@code null} when it cannot be evaluated
 * @param after the candidate's pairs, or {@code null} when it does not parse
 * @param diff the change against the server's pairs, or {@code null} when one side cannot be evaluated
 * @param diffProblem why there is no diff, or {@code null}
 */
public record PolicyPlan(String candidate, String origin, String serverUrl, HeadscaleVersion version, String versionSource,
        StoredPolicy server, PolicyReport report, PolicyPairs before, PolicyPairs after, PolicyDiff diff, String diffProblem) {

    /** Whether the server holds exactly this text already. */
    public boolean unchanged() {
        return server.text().equals(candidate);
    }

    /** Whether the operator must confirm: some pair is lost, or the loss cannot be told. */
    public boolean needsConfirmation() {
        return diff == null || diff.losesAny();
    }

    /** The candidate's pairs (empty when it does not parse). */
    public List<PolicyPairs.Pair> pairs() {
        return after == null ? List.of() : after.pairs();
    }
}
