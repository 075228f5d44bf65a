package org.veilor.mesh.yggdrasil.internal;

import java.util.HexFormat;
import java.util.Locale;

/**
 * Address and /64 subnet of a public key, exactly as yggdrasil derives them (spec mesh-radio.md
 * §1.5, {@code src/address/address.go}, unchanged from 0.4.7 to 0.5.14): invert the key, count its
 * leading one bits, drop the zero bit after them, pack the rest; prefix {@code 0x02} for the
 * address ({@code 200::/8}), {@code 0x03} for the subnet ({@code 300::/8}), together {@code 200::/7}.
 * Text is the RFC 5952 form Go's {@code net.IP.String()} prints.
 */
public final class YggAddress {

    private static final int PREFIX = 0x02;

    private YggAddress() {
    }

    /** The 16-byte address of a 32-byte public key. */
    public static byte[] address(byte[] publicKey) {
        if (publicKey == null || publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + (publicKey == null ? 0 : publicKey.length));
        }
        byte[] addr = new byte[16];
        addr[0] = PREFIX;
        int ones = 0;
        boolean counting = true;
        int out = 2;
        int bits = 0;
        int pending = 0;
        for (int i = 0; i < 256 && out < 16; i++) {
            int bit = ((~publicKey[i / 8]) >> (7 - i % 8)) & 1;
            if (counting) {
                if (bit == 1) {
                    ones++;
                    continue;
                }
                // The first zero after the leading ones is implied by their count: dropped.
                counting = false;
                continue;
            }
            pending = (pending << 1) | bit;
            if (++bits == 8) {
                addr[out++] = (byte) pending;
                bits = 0;
                pending = 0;
            }
        }
        addr[1] = (byte) ones;
        return addr;
    }

    /** The 8-byte routed prefix of a key's /64 subnet. */
    public static byte[] subnet(byte[] publicKey) {
        byte[] prefix = java.util.Arrays.copyOf(address(publicKey), 8);
        prefix[0] |= 0x01;
        return prefix;
    }

    /** {@code 202:24ae:c219:8a4a:de94:eae2:b97e:ac87} for a public key. */
    public static String addressText(byte[] publicKey) {
        return format(address(publicKey));
    }

    /** {@code 302:24ae:c219:8a4a::/64} for a public key. */
    public static String subnetText(byte[] publicKey) {
        return format(java.util.Arrays.copyOf(subnet(publicKey), 16)) + "/64";
    }

    /** Both, for a public key given as 64 hex digits. */
    public static byte[] parsePublicHex(String hex) {
        String h = hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
        if (!h.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a yggdrasil public key is 64 hex digits, not '" + (hex == null ? "" : hex.strip()) + "'");
        }
        return HexFormat.of().parseHex(h);
    }

    /**
     * RFC 5952 text of a 16-byte IPv6 address: lower-case groups without leading zeros, the longest
     * run of two or more zero groups (the first of equal runs) written as {@code ::}.
     */
    static String format(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestStart = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
