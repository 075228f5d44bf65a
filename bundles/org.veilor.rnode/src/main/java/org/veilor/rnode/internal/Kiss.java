package org.veilor.rnode.internal;

import java.io.ByteArrayOutputStream;

/** KISS framing as RNodes use it (mesh-radio.md §5.2): {@code FEND, CMD, escaped payload, FEND}. */
final class Kiss {

    static final int FEND = 0xC0;
    static final int FESC = 0xDB;
    static final int TFEND = 0xDC;
    static final int TFESC = 0xDD;

    private Kiss() {
    }

    /** A whole frame; the command byte is not escaped, the payload is. */
    static byte[] frame(int command, byte... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 8);
        out.write(FEND);
        out.write(command);
        for (byte b : payload) {
            int v = b & 0xFF;
            if (v == FEND) {
                out.write(FESC);
                out.write(TFEND);
            } else if (v == FESC) {
                out.write(FESC);
                out.write(TFESC);
            } else {
                out.write(v);
            }
        }
        out.write(FEND);
        return out.toByteArray();
    }

    /** A frame carrying one byte (a set value, or the ask byte of a query). */
    static byte[] frame(int command, int value) {
        return frame(command, new byte[] { (byte) value });
    }

    /** A frame carrying a 4-byte big-endian value (frequency, bandwidth). */
    static byte[] frame32(int command, long value) {
        return frame(command, new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
    }

    /** A frame carrying a 2-byte big-endian value (airtime limits). */
    static byte[] frame16(int command, int value) {
        return frame(command, new byte[] { (byte) (value >>> 8), (byte) value });
    }
}
