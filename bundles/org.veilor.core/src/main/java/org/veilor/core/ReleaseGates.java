package org.veilor.core;

/**
 * The release stage this instance runs at and what it allows (PID {@code org.veilor.core}).
 */
public interface ReleaseGates {

    /**
     * Service property carrying the current stage's label ({@code v0.8}); it is updated in place when
     * the stage changes, so a consumer that must react (a gated component restarting) is told.
     */
    String RELEASE_PROPERTY = "veilor.release";

    ReleaseStage stage();

    /** Whether the operator wants the bootstrap ISO published. */
    boolean publicIso();

    /** Whether the external Traefik {@code no-guest} ACL gap on nullstone has been fixed. */
    boolean guestAclBlockerFixed();

    /** Answers a gate at the current stage. */
    GateDecision check(Gate gate);

    /** Pure evaluation of a gate, shared by the service and by tests. */
    static GateDecision evaluate(Gate gate, ReleaseStage stage, boolean guestAclBlockerFixed) {
        if (gate == Gate.PUBLIC_ISO) {
            return new GateDecision(gate, guestAclBlockerFixed, guestAclBlockerFixed ? "" : gate.reason());
        }
        boolean allowed = stage.atLeast(gate.from());
        return new GateDecision(gate, allowed,
                allowed ? "" : gate.reason() + " (this instance runs at " + stage.label() + ")");
    }
}
