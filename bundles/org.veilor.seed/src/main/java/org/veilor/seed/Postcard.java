package org.veilor.seed;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The few postcard (Rust serde wire format) rules a blob ticket needs: unsigned integers as LEB128
 * varints, byte strings with a varint length, fixed arrays raw. A reader names what it was reading
 * when the bytes end or break a rule.
 */
final class Postcard {

    private Postcard() {
    }

    static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    /** Reads postcard values from a byte array, front to back. */
    static final class Reader {
        private final byte[] in;
        private int pos;

        Reader(byte[] in) {
            this.in = in;
        }

        int position() {
            return pos;
        }

        int u8(String what) {
            need(1, what);
            return in[pos++] & 0xff;
        }

        byte[] bytes(int n, String what) {
            need(n, what);
            byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return b;
        }

        /** A varint no larger than {@code max} (postcard rejects overlong and overflowing encodings). */
        long varint(long max, String what) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8(what);
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    if (value > max || value < 0) {
                        throw new IllegalArgumentException(what + " is out of range: " + value);
                    }
                    return value;
                }
            }
            throw new IllegalArgumentException(what + " is not a valid varint");
        }

        String string(int maxLength, String what) {
            int len = (int) varint(maxLength, what + " length");
            return new String(bytes(len, what), StandardCharsets.UTF_8);
        }

        private void need(int n, String what) {
            if (in.length - pos < n) {
                throw new IllegalArgumentException("the ticket ends inside " + what + " (byte " + pos + " of " + in.length + ")");
            }
        }
    }
}
