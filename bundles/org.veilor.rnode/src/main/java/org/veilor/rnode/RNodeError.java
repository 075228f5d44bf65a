package org.veilor.rnode;

import java.util.Locale;

/** The error codes an RNode reports in a {@code CMD_ERROR} (0x90) frame. */
public enum RNodeError {
    INITRADIO(0x01),
    TXFAILED(0x02),
    EEPROM_LOCKED(0x03),
    QUEUE_FULL(0x04),
    MEMORY_LOW(0x05),
    MODEM_TIMEOUT(0x06),
    UNKNOWN(-1);

    private final int code;

    RNodeError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static RNodeError of(int code) {
        for (RNodeError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return UNKNOWN;
    }

    /** The firmware's name with the code: {@code ERROR_QUEUE_FULL (0x04)}. */
    public static String describe(int code) {
        RNodeError e = of(code);
        return (e == UNKNOWN ? "unknown error" : "ERROR_" + e.name()) + String.format(Locale.ROOT, " (0x%02X)", code);
    }
}
