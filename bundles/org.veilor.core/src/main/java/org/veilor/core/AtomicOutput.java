package org.veilor.core;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream whose content replaces its target only on {@link #commit()}. Closing without a commit
 * discards everything written, so a failure half-way never leaves a partial file behind.
 */
public abstract class AtomicOutput extends OutputStream {

    /** Syncs the content, applies mode and owner, renames it over the target and syncs the folder. */
    public abstract void commit() throws IOException;

    /** Whether {@link #commit()} completed. */
    public abstract boolean committed();
}
