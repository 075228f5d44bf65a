package org.veilor.headscale.internal.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 address or CIDR prefix, parsed from literals only (never a DNS lookup: Headscale
 * {@code hosts} take IPs).
 *
 * @param bytes 4 or 16
 * @param network the address bits, with host bits cleared
 * @param bits prefix length
 */
public record IpPrefix(int bytes, BigInteger network, int bits) {

    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** Whether the text is an IP literal or CIDR (not a name). */
    public static boolean looksLikeIp(String text) {
        String a = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        return V4.matcher(a).matches() || V6.matcher(a).matches();
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not an address or prefix
     */
    public static IpPrefix parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        if (!V4.matcher(addr).matches() && !V6.matcher(addr).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or prefix");
        }
        byte[] raw;
        try {
            raw = InetAddress.getByName(addr).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or prefix", e);
        }
        int max = raw.length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length", e);
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("'" + text + "': prefix length must be 0–" + max);
            }
        }
        BigInteger value = new BigInteger(1, raw);
        return new IpPrefix(raw.length, mask(value, bits, max), bits);
    }

    private static BigInteger mask(BigInteger value, int bits, int max) {
        return value.shiftRight(max - bits).shiftLeft(max - bits);
    }

    /** Whether this is a single address. */
    public boolean isAddress() {
        return bits == bytes * 8;
    }

    /** Whether every address of {@code other} lies in this prefix. */
    public boolean contains(IpPrefix other) {
        return bytes == other.bytes && other.bits >= bits && mask(other.network, bits, bytes * 8).equals(network);
    }

    /** Whether the two prefixes share at least one address. */
    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        byte[] raw = new byte[bytes];
        byte[] v = network.toByteArray();
        int copy = Math.min(v.length, bytes);
        System.arraycopy(v, v.length - copy, raw, bytes - copy, copy);
        try {
            String a = InetAddress.getByAddress(raw).getHostAddress();
            return isAddress() ? a : a + "/" + bits;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
