package org.veilor.rnode.internal;

import java.util.HexFormat;

/** One decoded KISS frame: the command byte and its unescaped payload. */
record KissFrame(int command, byte[] payload) {

    int u8(int index) {
        return payload[index] & 0xFF;
    }

    /** Big-endian unsigned value of the whole payload (up to 8 bytes). */
    long unsigned() {
        long v = 0;
        for (byte b : payload) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    int u16(int offset) {
        return (u8(offset) << 8) | u8(offset + 1);
    }

    @Override
    public String toString() {
        return Commands.name(command) + " [" + HexFormat.ofDelimiter(" ").formatHex(payload) + "]";
    }
}
