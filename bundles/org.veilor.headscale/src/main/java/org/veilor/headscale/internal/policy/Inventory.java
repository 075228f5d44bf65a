package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The machines the evaluator reasons about: the tier members (with their address when {@code hosts}
 * names one) and the other named single-address hosts. A test alias with no known machine stands
 * for a symbolic one (a tag with no member, a user).
 */
public final class Inventory {

    /**
     * A machine, or a symbolic stand-in.
     *
     * @param name how messages call it
     * @param tags its tags
     * @param address its tailnet address, or {@code null} when unknown
     * @param user its owner's name (without {@code @}), or {@code null}
     * @param groups groups it stands for (a symbolic member of an empty group)
     */
    public record Node(String name, Set<String> tags, IpPrefix address, String user, Set<String> groups) {
        public Node {
            tags = Set.copyOf(tags);
            groups = Set.copyOf(groups);
        }

        static Node tagged(String name, String tag, IpPrefix address) {
            return new Node(name, Set.of(tag), address, null, Set.of());
        }
    }

    private final List<Node> nodes;

    private Inventory(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public static Inventory of(TierModel model) {
        List<Node> nodes = new ArrayList<>();
        for (String m : model.adminMembers()) {
            nodes.add(Node.tagged(m, TierModel.ADMIN, single(model.hosts().get(m))));
        }
        for (String m : model.infraMembers()) {
            nodes.add(Node.tagged(m, TierModel.INFRA, single(model.hosts().get(m))));
        }
        for (Map.Entry<String, IpPrefix> h : model.hosts().entrySet()) {
            IpPrefix a = single(h.getValue());
            boolean known = nodes.stream().anyMatch(n -> n.name().equals(h.getKey()) || (a != null && a.equals(n.address())));
            if (a != null && !known) {
                nodes.add(new Node(h.getKey(), Set.of(), a, null, Set.of()));
            }
        }
        return new Inventory(nodes);
    }

    private static IpPrefix single(IpPrefix p) {
        return p != null && p.isAddress() ? p : null;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Node> withTag(String tag) {
        return nodes.stream().filter(n -> n.tags().contains(tag)).toList();
    }

    public Optional<Node> at(IpPrefix address) {
        return nodes.stream().filter(n -> address.equals(n.address())).findFirst();
    }
}
