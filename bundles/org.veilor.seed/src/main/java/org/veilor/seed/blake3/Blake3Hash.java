package org.veilor.seed.blake3;

import java.util.Arrays;
import java.util.Locale;

/**
 * A 32-byte BLAKE3 hash, displayed as iroh-blobs displays it: 64 lowercase hex characters. Parsing
 * accepts what iroh accepts: 64 hex characters, or 52 characters of RFC 4648 base32 without padding
 * (any case). Immutable.
 */
public final class Blake3Hash {

    /** Length of a hash in bytes. */
    public static final int LENGTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final byte[] bytes;

    private Blake3Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A hash from its 32 bytes (copied). */
    public static Blake3Hash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a BLAKE3 hash has 32 bytes, not " + bytes.length);
        }
        return new Blake3Hash(bytes.clone());
    }

    static Blake3Hash wrap(byte[] bytes) {
        return new Blake3Hash(bytes);
    }

    /**
     * Parses 64 hex characters or 52 base32 characters (iroh's {@code Hash::from_str}).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Blake3Hash parse(String text) {
        String s = text.strip();
        if (s.length() == 2 * LENGTH) {
            return new Blake3Hash(fromHex(s));
        }
        if (s.length() == 52) {
            return new Blake3Hash(fromBase32(s));
        }
        throw new IllegalArgumentException("not a BLAKE3 hash: '" + text + "' has " + s.length()
                + " characters; expected 64 hex or 52 base32");
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    byte[] raw() {
        return bytes;
    }

    /** 64 lowercase hex characters. */
    public String toHex() {
        return hex(bytes, 0, LENGTH);
    }

    /** The first 5 bytes in hex, as iroh's {@code fmt_short}. */
    public String toShortHex() {
        return hex(bytes, 0, 5);
    }

    /** Constant-time comparison with raw bytes (a received hash is attacker-controlled). */
    public boolean matches(byte[] other, int off) {
        int diff = 0;
        for (int i = 0; i < LENGTH; i++) {
            diff |= bytes[i] ^ other[off + i];
        }
        return diff == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blake3Hash && matches(((Blake3Hash) o).bytes, 0);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The hex form. */
    @Override
    public String toString() {
        return toHex();
    }

    /** Lowercase hex of any bytes. */
    public static String hex(byte[] b, int off, int len) {
        char[] c = new char[2 * len];
        for (int i = 0; i < len; i++) {
            int v = b[off + i] & 0xff;
            c[2 * i] = HEX[v >>> 4];
            c[2 * i + 1] = HEX[v & 15];
        }
        return new String(c);
    }

    private static byte[] fromHex(String s) {
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a BLAKE3 hash: '" + s + "' has a non-hex character at "
                        + (hi < 0 ? 2 * i : 2 * i + 1));
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** RFC 4648 base32, no padding; 52 characters carry 260 bits, the last 4 must be zero (canonical). */
    private static byte[] fromBase32(String s) {
        String u = s.toUpperCase(Locale.ROOT);
        byte[] out = new byte[LENGTH];
        long acc = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < u.length(); i++) {
            int v = BASE32.indexOf(u.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("not a BLAKE3 hash: '" + s + "' has a non-base32 character at " + i);
            }
            acc = acc << 5 | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (acc >>> bits);
            }
        }
        if ((acc & ((1L << bits) - 1)) != 0) {
            throw new IllegalArgumentException("not a BLAKE3 hash: '" + s + "' is not canonical base32 (trailing bits)");
        }
        return out;
    }
}
