package org.veilor.mesh.internal;

import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;

/** Release gates at a stage the test sets, answered by core's own pure evaluation. */
final class TestGates implements ReleaseGates {

    volatile ReleaseStage stage;

    TestGates(ReleaseStage stage) {
        this.stage = stage;
    }

    @Override
    public ReleaseStage stage() {
        return stage;
    }

    @Override
    public boolean publicIso() {
        return false;
    }

    @Override
    public boolean guestAclBlockerFixed() {
        return false;
    }

    @Override
    public GateDecision check(Gate gate) {
        return ReleaseGates.evaluate(gate, stage, false);
    }
}
