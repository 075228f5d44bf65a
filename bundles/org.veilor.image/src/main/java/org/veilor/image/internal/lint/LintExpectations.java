package org.veilor.image.internal.lint;

/**
 * What the configuration expects of a tree: sudo and Xwayland restored (org.veilor.image) and whether
 * a public ISO is wanted (org.veilor.core), which makes a missing cosign.pub an error.
 */
public record LintExpectations(boolean restoreSudo, boolean restoreXwayland, boolean publicIso) {
}
