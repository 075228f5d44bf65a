package org.veilor.seed;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * An iroh 1.0 blob ticket: where to fetch a blob (the provider's endpoint id, an optional relay, its
 * direct addresses) and what to fetch (the format and the BLAKE3 hash). Its text form is
 * {@code "blob"} followed by the lowercase, unpadded base32 of the postcard bytes
 * {@code 00 ‖ endpoint id (32) ‖ relay option ‖ varint(n) ‖ n socket addresses ‖ format ‖ hash (32)}:
 * a relay is {@code 00} (none) or {@code 01 ‖ varint(len) ‖ URL}; an address is {@code 00 ‖ 4 octets}
 * or {@code 01 ‖ 16 octets}, then the port as a varint; addresses are sorted IPv4 first and unique
 * (a Rust {@code BTreeSet<SocketAddr>}). Immutable.
 */
public final class BlobTicket {

    /** The text prefix, exactly and only in lowercase. */
    public static final String PREFIX = "blob";

    private static final int MAX_RELAY_URL = 2048;
    private static final int MAX_ADDRESSES = 256;
    /** Rust's SocketAddr order: every IPv4 address before every IPv6 one, then octets, then port. */
    private static final Comparator<InetSocketAddress> ORDER = Comparator
            .comparingInt((InetSocketAddress a) -> a.getAddress() instanceof Inet4Address ? 0 : 1)
            .thenComparing(a -> a.getAddress().getAddress(), Arrays::compareUnsigned)
            .thenComparingInt(InetSocketAddress::getPort);

    private final NodeId endpoint;
    private final String relayUrl;
    private final List<InetSocketAddress> addresses;
    private final BlobFormat format;
    private final Blake3Hash hash;

    /**
     * @param relayUrl a relay URL in its canonical form, or {@code null}
     * @param addresses direct addresses (IP literals with ports); sorted and de-duplicated here
     */
    public BlobTicket(NodeId endpoint, String relayUrl, List<InetSocketAddress> addresses, BlobFormat format,
            Blake3Hash hash) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.relayUrl = relayUrl;
        this.format = Objects.requireNonNull(format, "format");
        this.hash = Objects.requireNonNull(hash, "hash");
        TreeSet<InetSocketAddress> sorted = new TreeSet<>(ORDER);
        for (InetSocketAddress a : addresses) {
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("a ticket address must be an IP address, not the name " + a.getHostString());
            }
            sorted.add(a);
        }
        if (sorted.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("a ticket carries at most " + MAX_ADDRESSES + " addresses");
        }
        this.addresses = List.copyOf(sorted);
    }

    /** A raw-blob ticket with direct addresses only. */
    public static BlobTicket direct(NodeId endpoint, List<InetSocketAddress> addresses, Blake3Hash hash) {
        return new BlobTicket(endpoint, null, addresses, BlobFormat.RAW, hash);
    }

    public NodeId endpoint() {
        return endpoint;
    }

    public Optional<String> relayUrl() {
        return Optional.ofNullable(relayUrl);
    }

    /** Direct addresses in ticket order. */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    public BlobFormat format() {
        return format;
    }

    public Blake3Hash hash() {
        return hash;
    }

    /** The postcard bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        out.write(0);
        out.writeBytes(endpoint.bytes());
        if (relayUrl == null) {
            out.write(0);
        } else {
            out.write(1);
            Postcard.string(out, relayUrl);
        }
        Postcard.varint(out, addresses.size());
        for (InetSocketAddress a : addresses) {
            out.write(a.getAddress() instanceof Inet4Address ? 0 : 1);
            out.writeBytes(a.getAddress().getAddress());
            Postcard.varint(out, a.getPort());
        }
        out.write(format.ordinal());
        out.writeBytes(hash.bytes());
        return out.toByteArray();
    }

    /** The text form, {@code blob…}. */
    public String encode() {
        return PREFIX + Base32.encodeLower(toBytes());
    }

    /**
     * Parses the text form as iroh does: the prefix exactly {@code blob}, then base32 (either case,
     * canonical), then the postcard bytes (trailing bytes are ignored, as {@code postcard::from_bytes}
     * ignores them).
     *
     * @throws IllegalArgumentException saying what is wrong and where
     */
    public static BlobTicket parse(String text) {
        String s = Objects.requireNonNull(text, "ticket").strip();
        if (!s.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a blob ticket: wrong prefix (expected '" + PREFIX + "'): " + abbreviate(s));
        }
        byte[] bytes;
        try {
            bytes = Base32.decode(s.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a blob ticket: " + e.getMessage() + ": " + abbreviate(s), e);
        }
        try {
            return fromBytes(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a blob ticket: " + e.getMessage() + ": " + abbreviate(s), e);
        }
    }

    /** Reads the postcard bytes. */
    public static BlobTicket fromBytes(byte[] bytes) {
        Postcard.Reader r = new Postcard.Reader(bytes);
        int variant = (int) r.varint(Integer.MAX_VALUE, "the ticket variant");
        if (variant != 0) {
            throw new IllegalArgumentException("unknown ticket variant " + variant);
        }
        NodeId endpoint = NodeId.of(r.bytes(NodeId.LENGTH, "the endpoint id"));
        String relay = null;
        int option = r.u8("the relay option");
        if (option == 1) {
            relay = r.string(MAX_RELAY_URL, "the relay URL");
        } else if (option != 0) {
            throw new IllegalArgumentException("invalid relay option tag " + option);
        }
        int count = (int) r.varint(MAX_ADDRESSES, "the address count");
        List<InetSocketAddress> addrs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int family = r.u8("address " + i);
            byte[] ip = switch (family) {
                case 0 -> r.bytes(4, "IPv4 address " + i);
                case 1 -> r.bytes(16, "IPv6 address " + i);
                default -> throw new IllegalArgumentException("invalid address family tag " + family + " (address " + i + ")");
            };
            int port = (int) r.varint(65535, "the port of address " + i);
            addrs.add(new InetSocketAddress(address(ip), port));
        }
        int format = r.u8("the blob format");
        if (format >= BlobFormat.values().length) {
            throw new IllegalArgumentException("invalid blob format " + format);
        }
        Blake3Hash hash = Blake3Hash.of(r.bytes(Blake3Hash.LENGTH, "the hash"));
        return new BlobTicket(endpoint, relay, addrs, BlobFormat.values()[format], hash);
    }

    private static InetAddress address(byte[] ip) {
        try {
            // 16 octets stay IPv6, even for an IPv4-mapped address (Rust keeps the family).
            return ip.length == 4 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, null);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid address length " + ip.length, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? "'" + s + "'" : "'" + s.substring(0, 37) + "...'";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlobTicket t && Arrays.equals(toBytes(), t.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return encode();
    }
}
