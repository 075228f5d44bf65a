package org.veilor.headscale.internal.rollout;

import java.util.List;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.ServerVersion;
import org.veilor.headscale.StoredPolicy;
import org.veilor.headscale.internal.policy.HuJson;
import org.veilor.headscale.internal.policy.PairUniverse;
import org.veilor.headscale.internal.policy.Policy;
import org.veilor.headscale.internal.policy.PolicyChecker;
import org.veilor.headscale.internal.policy.PolicyException;
import org.veilor.headscale.internal.policy.PolicyPairs;
import org.veilor.headscale.internal.policy.PolicyParser;
import org.veilor.headscale.internal.policy.TierModel;

/**
 * Judges a policy against the server before a push or for {@code --diff}: reads the server's
 * version and policy, runs the evaluator's checks on the candidate, and computes both policies'
 * allowed pairs over one universe. An empty server policy is Headscale's default: allow all.
 */
public final class PolicyPlanner {

    private final HeadscaleClient client;
    private final TierModel model;

    public PolicyPlanner(HeadscaleClient client, TierModel model) {
        this.client = client;
        this.model = model;
    }

    /**
     * @throws IllegalArgumentException naming line and column when the candidate is not HuJSON
     * @throws HeadscaleException when the server's policy cannot be read
     */
    public PolicyPlan plan(String candidate, String origin) throws HeadscaleException {
        try {
            HuJson.read(candidate);
        } catch (PolicyException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
        ServerVersion sv = client.serverVersion();
        StoredPolicy server = client.readPolicy();
        var report = new PolicyChecker(model).check(candidate, sv.version());
        boolean at = sv.version().policyUsersEndWithAt();
        Policy before;
        try {
            before = PolicyParser.parse(server.text().isBlank() ? "{}" : server.text(), at);
        } catch (PolicyException e) {
            return new PolicyPlan(candidate, origin, client.serverUrl(), sv.version(), sv.source(), server, report, null, null, null,
                    "the policy on the server cannot be evaluated: " + e.getMessage());
        }
        Policy after;
        try {
            after = PolicyParser.parse(candidate, at);
        } catch (PolicyException e) {
            return new PolicyPlan(candidate, origin, client.serverUrl(), sv.version(), sv.source(), server, report, null, null, null,
                    "the new policy cannot be evaluated: " + e.getMessage());
        }
        PairUniverse universe = PairUniverse.of(model, List.of(before, after));
        PolicyPairs beforePairs = PolicyPairs.of(before, universe);
        PolicyPairs afterPairs = PolicyPairs.of(after, universe);
        return new PolicyPlan(candidate, origin, client.serverUrl(), sv.version(), sv.source(), server, report, beforePairs, afterPairs,
                beforePairs.diffTo(afterPairs), null);
    }
}
