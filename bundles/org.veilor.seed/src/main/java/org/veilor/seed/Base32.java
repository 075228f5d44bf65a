package org.veilor.seed;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * RFC 4648 base32 without padding, as iroh's tickets use it ({@code data_encoding::BASE32_NOPAD}):
 * decoding accepts either case and rejects non-canonical input (set trailing bits, impossible lengths).
 */
final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {
    }

    /** Lowercase base32 of {@code bytes}, no padding. */
    static String encodeLower(byte[] bytes) {
        StringBuilder sb = new StringBuilder((bytes.length * 8 + 4) / 5);
        int acc = 0;
        int bits = 0;
        for (byte b : bytes) {
            acc = acc << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                sb.append(ALPHABET.charAt((acc >>> bits) & 31));
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET.charAt((acc << (5 - bits)) & 31));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * Decodes base32 without padding.
     *
     * @throws IllegalArgumentException naming the position of a bad character, a length no byte
     *         string encodes to, or trailing bits that are not zero
     */
    static byte[] decode(String text) {
        String u = text.toUpperCase(Locale.ROOT);
        int rem = u.length() % 8;
        if (rem == 1 || rem == 3 || rem == 6) {
            throw new IllegalArgumentException("invalid base32 length " + u.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(u.length() * 5 / 8);
        int acc = 0;
        int bits = 0;
        for (int i = 0; i < u.length(); i++) {
            int v = ALPHABET.indexOf(u.charAt(i));
            if (v < 0) {
                throw new IllegalArgumentException("invalid base32 character '" + text.charAt(i) + "' at " + i);
            }
            acc = (acc << 5 | v) & 0xfff;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write(acc >>> bits);
            }
        }
        if ((acc & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("non-canonical base32: the last character carries set trailing bits");
        }
        return out.toByteArray();
    }
}
