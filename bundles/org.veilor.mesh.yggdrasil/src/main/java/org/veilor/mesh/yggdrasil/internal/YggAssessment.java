package org.veilor.mesh.yggdrasil.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;

/**
 * Pure judgement of L3b from what the daemon said (DESIGN.md "Threat floors"): down when no
 * configured peer is up; otherwise idle, or active once promoted. Floor (i) survives when a
 * configured peer is up whose host is an IP literal or a name outside the login server's domain;
 * floor (ii) when a {@code wss://…:443} peer is up. The 0.4 dialect has no WSS at all: it is
 * reported as breaking the strategy's WSS rule (rule 6), and (ii) never holds on it.
 */
public final class YggAssessment {

    /** The 0.4 warning, in every detail line of a 0.4 node. */
    static final String RULE6_04 = "0.4 dialect: no WSS transport, breaks the strategy's WSS:443 rule (6)";

    private YggAssessment() {
    }

    /**
     * What the probe saw.
     *
     * @param self getSelf
     * @param peers getPeers
     * @param configured the outbound peers this node has configured: the public peer, and the
     *     failover peers while promoted
     * @param promoted whether the failover peers are in
     * @param version the release the daemon runs
     * @param nodeKey the node key the config names (null when unknown)
     * @param warnings extra notes for the detail line (example key in use, …)
     */
    public record Observation(DaemonSelf self, List<DaemonPeer> peers, List<PeerUri> configured, boolean promoted,
            YggVersion version, NodeKey nodeKey, List<String> warnings) {
        public Observation {
            peers = List.copyOf(peers);
            configured = List.copyOf(configured);
            warnings = List.copyOf(warnings);
        }
    }

    /** A configured peer and whether the daemon has it up. */
    public record PeerState(PeerUri uri, DaemonPeer seen) {
        public boolean up() {
            return seen != null && seen.up();
        }
    }

    public static LayerStatus assess(Observation o, MeshContext context) {
        List<PeerState> states = states(o);
        List<PeerState> up = states.stream().filter(PeerState::up).toList();
        long others = o.peers().stream().filter(p -> p.up() && match(p, o.configured()) == null).count();
        List<String> notes = notes(o);
        if (up.isEmpty()) {
            String why = states.stream().map(YggAssessment::downReason).collect(Collectors.joining("; "));
            return LayerStatus.down("no configured peer is up: " + (why.isEmpty() ? "none configured" : why)
                    + (others > 0 ? " (" + others + " other peer" + (others == 1 ? "" : "s") + " up, not counted)" : "")
                    + suffix(notes));
        }
        String detail = o.self().address() + "; " + up.size() + " of " + states.size() + " peers up: "
                + up.stream().map(s -> s.uri().raw()).collect(Collectors.joining(", "))
                + (others > 0 ? " (+" + others + " unconfigured)" : "") + "; yggdrasil " + o.version().text()
                + suffix(notes);
        return new LayerStatus(o.promoted() ? LayerState.ACTIVE : LayerState.IDLE, detail,
                List.of(floorI(up, context), floorII(up, o.version())));
    }

    /** Each configured peer with what the daemon reports for it. */
    public static List<PeerState> states(Observation o) {
        List<PeerState> states = new ArrayList<>();
        for (PeerUri c : o.configured()) {
            DaemonPeer seen = null;
            for (DaemonPeer p : o.peers()) {
                if (match(p, List.of(c)) != null && (seen == null || (!seen.up() && p.up()))) {
                    seen = p;
                }
            }
            states.add(new PeerState(c, seen));
        }
        return states;
    }

    static FloorClaim floorI(List<PeerState> up, MeshContext context) {
        List<String> survive = new ArrayList<>();
        List<String> inside = new ArrayList<>();
        for (PeerState s : up) {
            PeerUri u = s.uri();
            if (u.scheme().equals("unix")) {
                continue;
            }
            if (MeshContext.isIpLiteral(u.bareHost())) {
                survive.add("peer " + u.raw() + " is up and needs no DNS (IP literal)");
            } else if (context.outsideLoginDomain(u.bareHost())) {
                survive.add("peer " + u.raw() + " is up; " + u.bareHost() + " is outside the login server's domain"
                        + context.loginDomain().map(d -> " " + d).orElse(" (no login server known)"));
            } else {
                inside.add(u.raw());
            }
        }
        if (!survive.isEmpty()) {
            return FloorClaim.survives(Floor.I, String.join("; ", survive));
        }
        return FloorClaim.fails(Floor.I, "every peer up needs a name in the login server's domain "
                + context.loginDomain().orElse("?") + ", which the ISP blocks too: " + String.join(", ", inside));
    }

    static FloorClaim floorII(List<PeerState> up, YggVersion version) {
        if (version.dialect() == YggVersion.Dialect.V0_4) {
            return FloorClaim.fails(Floor.II, "yggdrasil " + version.text() + " speaks the 0.4 dialect, which has no WSS"
                    + " transport: it breaks the strategy's WSS:443 rule (6)");
        }
        List<String> wss = up.stream().filter(s -> s.uri().wss443()).map(s -> s.uri().raw()).toList();
        if (!wss.isEmpty()) {
            return FloorClaim.survives(Floor.II, "wss peer up on 443 (looks like web traffic to DPI): " + String.join(", ", wss));
        }
        return FloorClaim.fails(Floor.II, "no wss://…:443 peer is up (up: "
                + up.stream().map(s -> s.uri().raw()).collect(Collectors.joining(", ")) + ")");
    }

    private static String downReason(PeerState s) {
        if (s.seen() == null) {
            return s.uri().raw() + " not connected";
        }
        return s.uri().raw() + " down" + (s.seen().lastError().isEmpty() ? "" : " (" + s.seen().lastError() + ")");
    }

    private static List<String> notes(Observation o) {
        List<String> notes = new ArrayList<>();
        if (o.version().dialect() == YggVersion.Dialect.V0_4) {
            notes.add(RULE6_04);
        }
        if (o.nodeKey() != null && !o.nodeKey().hasPublic(o.self().key())) {
            notes.add("the daemon runs with key " + o.self().key() + ", not this node's " + o.nodeKey().publicHex()
                    + " (restart yggdrasil.service)");
        }
        notes.addAll(o.warnings());
        return notes;
    }

    private static String suffix(List<String> notes) {
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /**
     * The configured peer a daemon entry stands for, or null. An outbound peer's {@code remote} is
     * the URI it was configured with; inbound links (0.5 says so, 0.4 does not) carry the remote
     * address instead and match nothing unless they are the same endpoint.
     */
    static PeerUri match(DaemonPeer p, List<PeerUri> configured) {
        if (Boolean.TRUE.equals(p.inbound())) {
            return null;
        }
        PeerUri seen = PeerUri.tryParse(p.remote());
        if (seen == null) {
            return null;
        }
        for (PeerUri c : configured) {
            if (sameEndpoint(c, seen)) {
                return c;
            }
        }
        return null;
    }

    static boolean sameEndpoint(PeerUri a, PeerUri b) {
        return a.scheme().equals(b.scheme()) && a.host().toLowerCase(Locale.ROOT).equals(b.host().toLowerCase(Locale.ROOT))
                && a.effectivePort() == b.effectivePort()
                && (!a.scheme().equals("unix") || a.raw().equals(b.raw()));
    }
}
