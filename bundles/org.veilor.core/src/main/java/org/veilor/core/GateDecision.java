package org.veilor.core;

/**
 * The answer of a {@link Gate}: allowed or not, and the strategy's reason when not.
 */
public record GateDecision(Gate gate, boolean allowed, String reason) {

    /** Throws {@link IllegalStateException} with the reason when the gate is closed. */
    public void require() {
        if (!allowed) {
            throw new IllegalStateException(reason);
        }
    }
}
