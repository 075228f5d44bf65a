package org.veilor.core.internal;

import java.util.List;
import java.util.Map;

/** Everything {@code veilor:status} shows; serialised as is for {@code --json}. */
public record StatusReport(String release, boolean publicIso, boolean guestAclBlockerFixed, String hostRoot,
        Profile profile, String database, String vectorApi, List<Summary> summaries, List<FeatureState> features,
        List<ComponentState> components) {

    /** A concern's one-line summary ({@link org.veilor.core.StatusSummary}). */
    public record Summary(String label, String line) {
    }

    /** The profile and what its installer did. */
    public record Profile(String name, List<String> wanted, List<String> installedByProfile,
            Map<String, String> skipped, String lastResult) {
    }

    /** A veilor feature. */
    public record FeatureState(String name, String version, boolean installed) {
    }

    /**
     * A veilor component (one per configuration for factory components).
     *
     * @param pid the configuration PID (the factory instance PID for factory components)
     * @param state active, satisfied, unsatisfied, unconfigured, disabled, failed
     * @param detail the failure with PID/key/value, "running on previous configuration: …", or the
     *        missing references
     */
    public record ComponentState(String name, String pid, String bundle, String state, String detail) {
    }
}
