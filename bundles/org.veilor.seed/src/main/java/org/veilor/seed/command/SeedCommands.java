package org.veilor.seed.command;

import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.seed.Seeder;

/** What the seed commands share: the running node, or why there is none. */
final class SeedCommands {

    private SeedCommands() {
    }

    /**
     * The seeder, or an exception saying why it is not running: below release v0.8 the gate's
     * reason, otherwise where to look.
     */
    static Seeder require(Seeder seeder, ReleaseGates gates) {
        if (seeder != null) {
            return seeder;
        }
        if (gates != null) {
            GateDecision d = gates.check(Gate.SEEDING);
            if (!d.allowed()) {
                throw new IllegalStateException("the seed node is not running: " + d.reason());
            }
        }
        throw new IllegalStateException("the seed node is not running: not configured (PID org.veilor.seed) or its "
                + "configuration is invalid; veilor:status shows which");
    }
}
