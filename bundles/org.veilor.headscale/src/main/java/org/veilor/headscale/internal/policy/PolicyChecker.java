package org.veilor.headscale.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.veilor.headscale.HeadscaleVersion;

/**
 * Evaluates a policy the way Veilor requires before any push: it must load on the target version
 * (no top-level key that version refuses), pass its own {@code tests}, pass the tier tests derived
 * from the model, keep the tier promises rule by rule ({@link TierAudit}), and keep the failsafe key's
 * SSH reach ({@link FailsafeReach}).
 */
public final class PolicyChecker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS_ALL = Set.of("groups", "hosts", "tagOwners", "acls", "ssh", "autoApprovers");
    private static final Set<String> KEYS_0_29 = Set.of("grants", "nodeAttrs", "tests", "sshTests", "randomizeClientPort");

    private final TierModel model;

    public PolicyChecker(TierModel model) {
        this.model = model;
    }

    /** Checks a HuJSON policy for a Headscale version. Never throws: problems are failed checks. */
    public PolicyReport check(String hujson, HeadscaleVersion version) {
        List<CheckResult> checks = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Policy policy;
        try {
            policy = PolicyParser.parse(hujson, version.policyUsersEndWithAt());
        } catch (PolicyException e) {
            return new PolicyReport(List.of(CheckResult.of("policy loads", List.of(e.getMessage()))), notes);
        }
        checks.add(dialect(policy, version, notes));
        PolicyEvaluator evaluator = new PolicyEvaluator(policy, Inventory.of(model));
        List<String> own = new ArrayList<>();
        for (PolicyTest t : policy.tests()) {
            checks.add(run(evaluator, t));
        }
        try {
            JsonNode parsed = HuJson.read(hujson).path("tests");
            parsed.forEach(t -> own.add(t.toString()));
            JsonNode tier = JSON.valueToTree(TierTests.of(model));
            List<PolicyTest> tierTests = PolicyParser.tests(tier, policy, "tier tests");
            for (int i = 0; i < tierTests.size(); i++) {
                if (!own.contains(tier.get(i).toString())) {
                    checks.add(run(evaluator, tierTests.get(i)));
                }
            }
        } catch (PolicyException e) {
            checks.add(CheckResult.of("tier tests", List.of(e.getMessage()
                    + " (the policy lacks a name or tag the tier model uses)")));
        }
        checks.addAll(new TierAudit(model, evaluator).run());
        checks.add(FailsafeReach.check(evaluator));
        return new PolicyReport(checks, notes);
    }

    private static CheckResult run(PolicyEvaluator evaluator, PolicyTest t) {
        try {
            return evaluator.run(t);
        } catch (PolicyException e) {
            return CheckResult.of(t.origin() + " " + t.src(), List.of(e.getMessage()));
        }
    }

    /** Top-level keys the version does not know: refused from 0.27, ignored (and noted) before. */
    private static CheckResult dialect(Policy policy, HeadscaleVersion version, List<String> notes) {
        List<String> failures = new ArrayList<>();
        for (String key : policy.topLevelKeys()) {
            boolean known = KEYS_ALL.contains(key) || (version.policyAcceptsTests() && KEYS_0_29.contains(key));
            if (known) {
                continue;
            }
            String since = KEYS_0_29.contains(key) ? " (supported from 0.29.0)" : "";
            if (version.policyRejectsUnknownKeys()) {
                failures.add("Headscale " + version + " refuses the unknown top-level key '" + key + "'" + since);
            } else {
                notes.add("Headscale " + version + " ignores the top-level key '" + key + "'" + since);
            }
        }
        return CheckResult.of("loads on Headscale " + version, failures);
    }
}
