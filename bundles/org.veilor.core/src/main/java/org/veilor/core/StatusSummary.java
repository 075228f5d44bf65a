package org.veilor.core;

/**
 * A one-line summary a concern adds to {@code veilor:status} (whiteboard service: register one and
 * the status shows it while it is registered). The status command calls it on its own thread, so it
 * must answer at once from what the concern already knows: no process, file or network calls.
 */
public interface StatusSummary {

    /** A short label, shown first on the line: {@code update}. */
    String label();

    /** The line itself, without line breaks. */
    String summary();
}
