package org.veilor.seed.internal;

import org.veilor.core.ConfigStatus;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;

/**
 * The release gate every runtime component of the seed bundle passes first: seeding starts at
 * release v0.8. Below it a component refuses to activate and {@code veilor:status} shows the
 * strategy's reason; {@link GateWatch} starts it once the stage allows.
 */
final class SeedGates {

    private SeedGates() {
    }

    /** Throws with the strategy's reason when seeding is not allowed at this instance's stage. */
    static void require(ReleaseGates gates, ConfigStatus status, String component) {
        GateDecision d = gates.check(Gate.SEEDING);
        if (!d.allowed()) {
            status.failed(component, d.reason());
            throw new IllegalStateException(d.reason());
        }
    }
}
