package org.veilor.rnode;

/** Where a configured radio is. */
public enum RadioState {
    /** Its port is not present (nothing plugged in, or no port answered for {@code port = auto}). */
    ABSENT,
    /** Opening, detecting, configuring or verifying. */
    CONNECTING,
    /** Detected, configured, verified; frames can be sent and received. */
    UP,
    /** The port was released to another owner (rnsd); the last verified configuration is kept. */
    HANDED_OVER,
    /** The radio was lost (unplugged, I/O error, no echo); it is retried with backoff. */
    DOWN,
    /** The port is present but did not answer the RNode detect handshake; retried with backoff. */
    UNDETECTED,
    /**
     * The device refused the configuration or reported values outside the tolerances; retried only
     * when the configuration changes or the device is plugged in again.
     */
    REJECTED;

    /** Lower-case name for status output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
