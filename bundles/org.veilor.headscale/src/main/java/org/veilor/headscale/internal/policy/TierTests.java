package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier promises written as policy {@code tests} (src, accept, deny), derived from the model: sent
 * to Headscale 0.29+ inside the policy, and always run by Veilor's own evaluator. Destinations use
 * named hosts where the model gives addresses, tags otherwise.
 */
public final class TierTests {

    /** Port probed for "must not reach" (SSH: what an intruder wants first). */
    static final int PROBE_PORT = 22;

    private TierTests() {
    }

    /** The tests as JSON-ready maps, in order: admin, infra, guest. */
    public static List<Map<String, Object>> of(TierModel m) {
        List<Map<String, Object>> tests = new ArrayList<>();

        List<String> adminAccept = new ArrayList<>(targets(m, m.infraMembers(), TierModel.INFRA, PROBE_PORT));
        m.guestEndpoints().forEach(e -> adminAccept.add(e.toString()));
        tests.add(test(TierModel.ADMIN, adminAccept, List.of()));

        List<String> infraAccept = targets(m, m.infraMembers(), TierModel.INFRA, PROBE_PORT);
        List<String> infraDeny = new ArrayList<>(targets(m, m.adminMembers(), TierModel.ADMIN, PROBE_PORT));
        addIfAbsent(infraDeny, TierModel.ADMIN + ":" + PROBE_PORT);
        addIfAbsent(infraDeny, TierModel.GUEST + ":" + m.seedPort());
        for (TierModel.Endpoint e : m.guestEndpoints()) {
            if (!onInfra(m, e.host())) {
                addIfAbsent(infraDeny, e.toString());
            }
        }
        tests.add(test(TierModel.INFRA, infraAccept, infraDeny));

        List<String> guestAccept = new ArrayList<>();
        m.guestEndpoints().forEach(e -> guestAccept.add(e.toString()));
        if (m.guestPeerSeeding()) {
            guestAccept.add(TierModel.GUEST + ":" + m.seedPort());
        }
        List<String> guestDeny = new ArrayList<>(targets(m, m.infraMembers(), TierModel.INFRA, PROBE_PORT));
        targets(m, m.adminMembers(), TierModel.ADMIN, PROBE_PORT).forEach(t -> addIfAbsent(guestDeny, t));
        addIfAbsent(guestDeny, TierModel.INFRA + ":" + PROBE_PORT);
        addIfAbsent(guestDeny, TierModel.ADMIN + ":" + PROBE_PORT);
        for (TierModel.Endpoint e : m.guestEndpoints()) {
            boolean probeAllowed = m.guestEndpoints().stream().anyMatch(o -> sameHost(m, o.host(), e.host()) && o.port() == PROBE_PORT);
            if (!probeAllowed) {
                addIfAbsent(guestDeny, e.host() + ":" + PROBE_PORT);
            }
        }
        addIfAbsent(guestDeny, TierModel.GUEST + ":" + (m.guestPeerSeeding() ? PROBE_PORT : m.seedPort()));
        // A member may itself be a guest destination on the probe port: that is then promised, not denied.
        guestDeny.removeIf(t -> m.guestEndpoints().stream().anyMatch(e -> t.equals(e.toString())
                || (t.endsWith(":" + e.port()) && sameHost(m, t.substring(0, t.lastIndexOf(':')), e.host()))));
        tests.add(test(TierModel.GUEST, guestAccept, guestDeny));
        return tests;
    }

    /** Member hosts with an address, as host:port; the tag itself when none has one. */
    private static List<String> targets(TierModel m, List<String> members, String tag, int port) {
        List<String> out = new ArrayList<>();
        for (String member : members) {
            IpPrefix a = m.hosts().get(member);
            if (a != null && a.isAddress()) {
                out.add(member + ":" + port);
            }
        }
        if (out.isEmpty()) {
            out.add(tag + ":" + port);
        }
        return out;
    }

    private static boolean onInfra(TierModel m, String host) {
        return m.infraMembers().stream().anyMatch(i -> sameHost(m, i, host));
    }

    private static boolean sameHost(TierModel m, String a, String b) {
        IpPrefix pa = m.hosts().get(a);
        return a.equals(b) || (pa != null && pa.equals(m.hosts().get(b)));
    }

    private static void addIfAbsent(List<String> list, String value) {
        if (!list.contains(value)) {
            list.add(value);
        }
    }

    private static Map<String, Object> test(String src, List<String> accept, List<String> deny) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("src", src);
        if (!accept.isEmpty()) {
            t.put("accept", List.copyOf(accept));
        }
        if (!deny.isEmpty()) {
            t.put("deny", List.copyOf(deny));
        }
        return t;
    }
}
