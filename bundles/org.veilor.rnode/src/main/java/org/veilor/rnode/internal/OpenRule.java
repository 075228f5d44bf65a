package org.veilor.rnode.internal;

/**
 * How a radio opens its port when another program may have had it just before (rnsd after a
 * hand-over, a serial console, a modem prober at hot-plug): wait for that program to let go, give
 * the board time to boot, then run the detect handshake on a line cleared of what was left in it.
 *
 * @param bootDelay milliseconds to wait after opening (opening resets ESP32 boards)
 * @param detectTimeout milliseconds one detect handshake may take
 * @param detectAttempts handshakes tried, each on a freshly cleared line, before the port is called
 *        not an RNode
 * @param releaseTimeout milliseconds to wait, with backoff, for the program holding the port to
 *        close it
 */
record OpenRule(int bootDelay, int detectTimeout, int detectAttempts, int releaseTimeout) {

    /**
     * The longest a bring-up under this rule may take: the wait for the port, the boot delay, every
     * detect attempt with the line cleared before it, and a minute for the configuration.
     */
    long worstCaseMs() {
        return releaseTimeout + bootDelay + (long) detectAttempts * (detectTimeout + DetectHandshake.MAX_CLEAR_MS) + 60_000;
    }

    /** The same rule without waiting for another holder: it is reported at once (probes, auto scans). */
    OpenRule noWait() {
        return new OpenRule(bootDelay, detectTimeout, detectAttempts, 0);
    }
}
