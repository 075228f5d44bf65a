package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.veilor.headscale.internal.policy.Inventory.Node;
import org.veilor.headscale.internal.policy.PairUniverse.Endpoint;

/**
 * The allowed pairs of one policy: for every source and destination of a {@link PairUniverse}, the
 * ports on which the source reaches the destination, as the evaluator decides it for every machine
 * either stands for ({@link PolicyEvaluator#reach}). Rules without {@code proto} give pairs for all
 * protocols; a rule naming one adds a pair for that protocol only where the others do not already
 * allow it. Two policies over the same universe compare with {@link #diffTo}.
 */
public final class PolicyPairs {

    /** Which pair: source, destination and protocol ({@code ""} for all). */
    record Key(String source, String destination, String proto) {
    }

    /**
     * One allowed pair.
     *
     * @param source a tag, group, user, host or alias
     * @param destination a tag, host, group or alias
     * @param proto {@code ""} for every protocol, else the one the rule names
     * @param ports the ports, in the policy's syntax ({@code *}, {@code 22}, {@code 80,443})
     */
    public record Pair(String source, String destination, String proto, String ports) {

        /** {@code x.veilor:443}, {@code media:7867 (udp)}. */
        public String target() {
            return destination + ":" + ports + (proto.isEmpty() ? "" : " (" + proto + ")");
        }

        @Override
        public String toString() {
            return source + " -> " + target();
        }
    }

    private final Map<Key, PortBits> pairs;
    private final List<Key> considered;

    private PolicyPairs(Map<Key, PortBits> pairs, List<Key> considered) {
        this.pairs = pairs;
        this.considered = considered;
    }

    /** The pairs a parsed policy allows over the universe (which must have been built with this policy). */
    public static PolicyPairs of(Policy policy, PairUniverse universe) {
        PolicyEvaluator evaluator = new PolicyEvaluator(policy, universe.inventory());
        Set<String> protos = new LinkedHashSet<>();
        protos.add("");
        policy.acls().forEach(r -> protos.add(PolicyEvaluator.proto(r.proto())));
        Map<Key, PortBits> pairs = new LinkedHashMap<>();
        List<Key> considered = new ArrayList<>();
        for (Endpoint s : universe.sources()) {
            for (Endpoint d : universe.destinations()) {
                PortBits any = PortBits.none();
                for (String proto : protos) {
                    PortBits ports = everyMachine(evaluator, s, d, proto);
                    if (proto.isEmpty()) {
                        any = ports;
                    } else {
                        ports = ports.minus(any);
                    }
                    Key key = new Key(s.name(), d.name(), proto);
                    considered.add(key);
                    if (!ports.isEmpty()) {
                        pairs.put(key, ports);
                    }
                }
            }
        }
        return new PolicyPairs(pairs, considered);
    }

    /** Ports every machine of the source reaches on every machine of the destination. */
    private static PortBits everyMachine(PolicyEvaluator evaluator, Endpoint s, Endpoint d, String proto) {
        PortBits ports = null;
        for (Node src : s.nodes()) {
            for (Node dst : d.nodes()) {
                PortBits r = evaluator.reach(src, dst, proto);
                ports = ports == null ? r : ports.and(r);
                if (ports.isEmpty()) {
                    return ports;
                }
            }
        }
        return ports == null ? PortBits.none() : ports;
    }

    /** The pairs, in the universe's order (tier tags first). */
    public List<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        pairs.forEach((k, v) -> out.add(new Pair(k.source(), k.destination(), k.proto(), v.toString())));
        return out;
    }

    public int size() {
        return pairs.size();
    }

    /** What changes from this policy's pairs to a newer one's (built over the same universe). */
    public PolicyDiff diffTo(PolicyPairs newer) {
        Set<Key> keys = new LinkedHashSet<>(newer.considered);
        keys.addAll(considered);
        List<PolicyDiff.Change> gains = new ArrayList<>();
        List<PolicyDiff.Change> losses = new ArrayList<>();
        for (Key k : keys) {
            PortBits before = pairs.getOrDefault(k, PortBits.none());
            PortBits after = newer.pairs.getOrDefault(k, PortBits.none());
            PortBits gained = after.minus(before);
            PortBits lost = before.minus(after);
            if (!gained.isEmpty()) {
                gains.add(new PolicyDiff.Change(k.source(), k.destination(), k.proto(), gained.toString()));
            }
            if (!lost.isEmpty()) {
                losses.add(new PolicyDiff.Change(k.source(), k.destination(), k.proto(), lost.toString()));
            }
        }
        return new PolicyDiff(gains, losses, size(), newer.size());
    }
}
