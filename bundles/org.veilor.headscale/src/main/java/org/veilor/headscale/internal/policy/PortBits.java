package org.veilor.headscale.internal.policy;

import java.util.BitSet;

/**
 * The ports (0–65535) a source may reach on a destination, as a set with arithmetic: the union of
 * the {@link PortSet}s of the rules that allow it, intersected over machines, subtracted for a diff.
 * Written in the policy's own port syntax: {@code *}, {@code 22}, {@code 80,443}, {@code 1000-2000}.
 */
public final class PortBits {

    private static final int SIZE = 65536;
    private static final PortBits NONE = new PortBits(new BitSet(SIZE));

    private final BitSet bits;

    private PortBits(BitSet bits) {
        this.bits = bits;
    }

    public static PortBits none() {
        return NONE;
    }

    public static PortBits all() {
        BitSet b = new BitSet(SIZE);
        b.set(0, SIZE);
        return new PortBits(b);
    }

    /** The ports of a destination's port list. */
    public static PortBits of(PortSet ports) {
        BitSet b = new BitSet(SIZE);
        ports.addTo(b);
        return new PortBits(b);
    }

    /** Wraps a bit set the caller no longer touches. */
    static PortBits wrap(BitSet bits) {
        return new PortBits(bits);
    }

    /** Parses the syntax {@link #toString()} writes. */
    public static PortBits parse(String text) {
        return of(PortSet.parse(text));
    }

    public PortBits or(PortBits other) {
        BitSet b = (BitSet) bits.clone();
        b.or(other.bits);
        return new PortBits(b);
    }

    public PortBits and(PortBits other) {
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new PortBits(b);
    }

    public PortBits minus(PortBits other) {
        BitSet b = (BitSet) bits.clone();
        b.andNot(other.bits);
        return new PortBits(b);
    }

    public boolean isEmpty() {
        return bits.isEmpty();
    }

    public boolean contains(int port) {
        return bits.get(port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortBits p && p.bits.equals(bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    /** {@code *} for every port, else the runs: {@code 22}, {@code 80,443}, {@code 0-21,23-65535}; empty for none. */
    @Override
    public String toString() {
        if (bits.cardinality() == SIZE) {
            return "*";
        }
        StringBuilder sb = new StringBuilder();
        for (int from = bits.nextSetBit(0); from >= 0; from = bits.nextSetBit(from)) {
            int to = bits.nextClearBit(from) - 1;
            sb.append(sb.length() == 0 ? "" : ",").append(from).append(from == to ? "" : "-" + to);
            if (to == SIZE - 1) {
                break;
            }
            from = to + 1;
        }
        return sb.toString();
    }
}
