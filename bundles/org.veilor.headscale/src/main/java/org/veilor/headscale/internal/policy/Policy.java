package org.veilor.headscale.internal.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed policy: what the evaluator needs, and the top-level keys for the dialect check.
 *
 * @param groups {@code group:name} → users
 * @param hosts name → addresses
 * @param tagOwners tag → owners
 * @param acls the rules
 * @param tests the policy's own {@code tests}
 * @param topLevelKeys every top-level key present
 * @param usersEndWithAt whether users are written {@code name@} (Headscale 0.26+)
 */
public record Policy(Map<String, List<String>> groups, Map<String, IpPrefix> hosts, Map<String, List<String>> tagOwners,
        List<AclRule> acls, List<PolicyTest> tests, Set<String> topLevelKeys, boolean usersEndWithAt) {

    public Policy {
        groups = Map.copyOf(groups);
        hosts = Map.copyOf(hosts);
        tagOwners = Map.copyOf(tagOwners);
        acls = List.copyOf(acls);
        tests = List.copyOf(tests);
        topLevelKeys = Set.copyOf(topLevelKeys);
    }
}
