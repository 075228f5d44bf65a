package org.veilor.testsupport.rnode;

import java.io.ByteArrayOutputStream;

/**
 * KISS as the device side writes and reads it. Kept apart from the driver's codec on purpose: the
 * emulator is an independent reading of the documented framing, so a shared mistake cannot hide.
 */
final class DeviceFrames {

    static final int FEND = 0xC0;
    static final int FESC = 0xDB;
    static final int TFEND = 0xDC;
    static final int TFESC = 0xDD;

    private DeviceFrames() {
    }

    /** A frame as the firmware writes one: its own opening and closing FEND, payload escaped. */
    static byte[] frame(int command, byte... payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(FEND);
        out.write(command);
        for (byte b : payload) {
            int v = b & 0xFF;
            switch (v) {
                case FEND -> {
                    out.write(FESC);
                    out.write(TFEND);
                }
                case FESC -> {
                    out.write(FESC);
                    out.write(TFESC);
                }
                default -> out.write(v);
            }
        }
        out.write(FEND);
        return out.toByteArray();
    }

    static byte[] u8(int v) {
        return new byte[] { (byte) v };
    }

    static byte[] u16(int v) {
        return new byte[] { (byte) (v >>> 8), (byte) v };
    }

    static byte[] u32(long v) {
        return new byte[] { (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v };
    }

    static long unsigned(byte[] b, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }
}
