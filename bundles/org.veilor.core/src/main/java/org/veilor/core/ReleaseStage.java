package org.veilor.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The strategy's release stages, in order. */
public enum ReleaseStage {
    V0_5("v0.5"),
    V0_7("v0.7"),
    V0_8("v0.8"),
    V1_0("v1.0");

    private final String label;

    ReleaseStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean atLeast(ReleaseStage other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses {@code v0.7} (the form used in configuration).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ReleaseStage parse(String text) {
        if (text != null) {
            String t = text.strip();
            for (ReleaseStage s : values()) {
                if (s.label.equalsIgnoreCase(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("not a release stage: '" + text + "' (allowed: " + allowed() + ")");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ReleaseStage::label).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
