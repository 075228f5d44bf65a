package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.veilor.headscale.internal.policy.Inventory.Node;

/**
 * The failsafe promise (DESIGN.md rule 8): the machine that joins with the failsafe admin key keeps
 * SSH to every {@code tag:admin} and {@code tag:infra} machine, whatever else a change does. That
 * machine is known only by its tag ({@code headscale:failsafe} mints a {@code tag:admin} key; its
 * address is assigned when it joins), so it is judged as a bare {@code tag:admin} machine: a rule
 * that reaches it only by address or by user does not count.
 */
public final class FailsafeReach {

    static final int SSH = 22;
    /** How results and messages name the failsafe machine. */
    static final String NAME = "the failsafe key's machine (" + TierModel.ADMIN + ")";

    private FailsafeReach() {
    }

    public static CheckResult check(PolicyEvaluator evaluator) {
        Node failsafe = new Node(NAME, Set.of(TierModel.ADMIN), null, null, Set.of());
        List<String> failures = new ArrayList<>();
        for (String tag : List.of(TierModel.ADMIN, TierModel.INFRA)) {
            List<Node> targets = evaluator.inventory().withTag(tag);
            if (targets.isEmpty()) {
                targets = List.of(Node.tagged(tag, tag, null));
            }
            for (Node t : targets) {
                if (evaluator.allowing(failsafe, t, SSH, "tcp").isEmpty()) {
                    failures.add(NAME + " loses SSH to " + (t.name().equals(tag) ? tag : t.name() + " (" + tag + ")")
                            + ": no rule allows port " + SSH + "/tcp");
                }
            }
        }
        return CheckResult.of("failsafe: SSH to every admin and infra machine", failures);
    }
}
