package org.veilor.core;

import java.time.Instant;
import java.util.List;

/**
 * Where components report how their configuration went, so {@code veilor:status} can show a
 * failed activation with its reason, and a component that refused an invalid change and keeps
 * running on its previous configuration. Components use it through {@link ConfigRule}.
 */
public interface ConfigStatus {

    /** The configuration was applied; clears any earlier report for the component. */
    void accepted(String component);

    /** Activation failed for the reason given (which names PID, key and value). */
    void failed(String component, String reason);

    /** A change was refused; the component keeps its last valid configuration. */
    void refused(String component, String reason);

    /** The component went away; forget it. */
    void removed(String component);

    /** Current reports, sorted by component name. */
    List<Report> reports();

    /**
     * A report for one component. Keyed by component rather than PID because several components
     * may share one PID and judge different keys of it.
     */
    record Report(String component, State state, String reason, Instant since) {

        /** Text for status output. */
        public String describe() {
            return state == State.PREVIOUS_CONFIGURATION
                    ? "running on previous configuration: " + reason
                    : "activation failed: " + reason;
        }
    }

    /** What was reported. */
    enum State {
        FAILED,
        PREVIOUS_CONFIGURATION
    }
}
