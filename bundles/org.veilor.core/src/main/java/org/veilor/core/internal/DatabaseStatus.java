package org.veilor.core.internal;

/** What the database component tells {@code veilor:status}. */
public interface DatabaseStatus {

    /** URL (without options) and state: available, waiting for its driver, or failed with the reason. */
    String describe();
}
