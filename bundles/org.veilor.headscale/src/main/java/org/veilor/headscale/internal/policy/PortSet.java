package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;

/** The ports of an ACL destination: {@code *}, {@code 22}, {@code 80,443}, {@code 1000-2000} or a mix. */
public final class PortSet {

    private record Range(int from, int to) {
    }

    private final List<Range> ranges;
    private final String text;

    private PortSet(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    public static final PortSet ALL = new PortSet(List.of(new Range(0, 65535)), "*");

    public static PortSet single(int port) {
        return new PortSet(List.of(new Range(port, port)), Integer.toString(port));
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not a port list
     */
    public static PortSet parse(String text) {
        String t = text.strip();
        if (t.equals("*")) {
            return ALL;
        }
        List<Range> ranges = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            String p = part.strip();
            int dash = p.indexOf('-');
            int from = port(dash < 0 ? p : p.substring(0, dash), text);
            int to = dash < 0 ? from : port(p.substring(dash + 1), text);
            if (to < from) {
                throw new IllegalArgumentException("port range '" + p + "' in '" + text + "' runs backwards");
            }
            ranges.add(new Range(from, to));
        }
        return new PortSet(List.copyOf(ranges), t);
    }

    private static int port(String s, String whole) {
        try {
            int p = Integer.parseInt(s.strip());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + whole + "' is not a port list (*, 22, 80,443 or 1000-2000)");
    }

    public boolean contains(int port) {
        return ranges.stream().anyMatch(r -> port >= r.from && port <= r.to);
    }

    /** Whether every port of {@code other} is in this set. */
    public boolean containsAll(PortSet other) {
        return other.ranges.stream().allMatch(o -> ranges.stream().anyMatch(r -> o.from >= r.from && o.to <= r.to)
                || contiguousCover(o));
    }

    private boolean contiguousCover(Range o) {
        for (int p = o.from; p <= o.to; p++) {
            if (!contains(p)) {
                return false;
            }
        }
        return true;
    }

    /** Sets this list's ports in a 65536-bit set (for {@link PortBits}). */
    void addTo(java.util.BitSet bits) {
        for (Range r : ranges) {
            bits.set(r.from, r.to + 1);
        }
    }

    public boolean isAll() {
        return ranges.stream().anyMatch(r -> r.from == 0 && r.to == 65535);
    }

    @Override
    public String toString() {
        return text;
    }
}
