package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.veilor.headscale.internal.policy.Inventory.Node;

/**
 * The sources and destinations the allowed pairs of policies are stated over, by the names an
 * operator uses: the tier tags, every tag, group and group member the policies name, every named
 * host, and every other alias a rule uses (an address, a prefix, {@code *}, an autogroup). Each
 * stands for machines, and the same machines are judged under every policy compared: a tag for its
 * members (a stand-in when it has none), a host for the machine at its address (with that machine's
 * tags), a group for its members in any of the policies (so a user leaving it shows as a loss).
 */
public final class PairUniverse {

    /**
     * A source or destination.
     *
     * @param name the tag, host, group, user or alias as written
     * @param nodes the machines it stands for; a pair holds only when it holds for every one of them
     */
    public record Endpoint(String name, List<Node> nodes) {
        public Endpoint {
            nodes = List.copyOf(nodes);
        }
    }

    private final Inventory inventory;
    private final List<Endpoint> sources;
    private final List<Endpoint> destinations;

    private PairUniverse(Inventory inventory, List<Endpoint> sources, List<Endpoint> destinations) {
        this.inventory = inventory;
        this.sources = List.copyOf(sources);
        this.destinations = List.copyOf(destinations);
    }

    /** The universe of a tier model and the policies to compare (typically the server's and the new one). */
    public static PairUniverse of(TierModel model, List<Policy> policies) {
        Inventory inventory = Inventory.of(model);
        Map<String, Endpoint> src = new LinkedHashMap<>();
        Map<String, Endpoint> dst = new LinkedHashMap<>();
        Set<String> tags = new LinkedHashSet<>(List.of(TierModel.ADMIN, TierModel.INFRA, TierModel.GUEST));
        Map<String, Set<String>> groups = new java.util.TreeMap<>();
        Map<String, IpPrefix> hosts = new LinkedHashMap<>(model.hosts());
        Set<String> otherTags = new TreeSet<>();
        for (Policy p : policies) {
            otherTags.addAll(p.tagOwners().keySet());
            p.groups().forEach((g, members) -> groups.computeIfAbsent(g, k -> new LinkedHashSet<>()).addAll(members));
            hosts.putAll(p.hosts());
        }
        tags.addAll(otherTags);
        for (String tag : tags) {
            Endpoint e = new Endpoint(tag, tagNodes(inventory, tag));
            src.put(tag, e);
            dst.put(tag, e);
        }
        Set<String> users = new TreeSet<>();
        groups.forEach((g, members) -> {
            List<Node> nodes = new ArrayList<>();
            members.forEach(u -> nodes.add(userNode(u)));
            users.addAll(members);
            Endpoint e = new Endpoint(g, nodes.isEmpty() ? List.of(new Node(g, Set.of(), null, null, Set.of(g))) : nodes);
            src.put(g, e);
            dst.put(g, e);
        });
        users.forEach(u -> src.putIfAbsent(u, new Endpoint(u, List.of(userNode(u)))));
        hosts.forEach((name, address) -> dst.putIfAbsent(name, new Endpoint(name, List.of(hostNode(inventory, name, address)))));
        for (Policy p : policies) {
            for (AclRule rule : p.acls()) {
                rule.src().forEach(a -> src.computeIfAbsent(a.text(), k -> endpoint(inventory, a)));
                rule.dst().forEach(d -> dst.computeIfAbsent(d.alias().text(), k -> endpoint(inventory, d.alias())));
            }
        }
        return new PairUniverse(inventory, new ArrayList<>(src.values()), new ArrayList<>(dst.values()));
    }

    public Inventory inventory() {
        return inventory;
    }

    public List<Endpoint> sources() {
        return sources;
    }

    public List<Endpoint> destinations() {
        return destinations;
    }

    private static Endpoint endpoint(Inventory inventory, Alias a) {
        if (a.kind() == Alias.Kind.TAG) {
            return new Endpoint(a.text(), tagNodes(inventory, a.text()));
        }
        return new Endpoint(a.text(), List.of(switch (a.kind()) {
            case TAG, GROUP -> new Node(a.text(), Set.of(), null, null, Set.of(a.text()));
            case USER -> userNode(a.text());
            case HOST, PREFIX -> hostNode(inventory, a.text(), a.prefix());
            // a device with no tag, no known owner and no known address: what only "*" covers
            case WILDCARD -> new Node("*", Set.of(), null, null, Set.of());
            case AUTOGROUP -> switch (a.text()) {
                case "autogroup:member" -> new Node(a.text(), Set.of(), null, "(a member)", Set.of());
                case "autogroup:tagged" -> new Node(a.text(), Set.of("(a tag)"), null, null, Set.of());
                default -> new Node(a.text(), Set.of(), null, null, Set.of());
            };
        }));
    }

    private static List<Node> tagNodes(Inventory inventory, String tag) {
        List<Node> members = inventory.withTag(tag);
        return members.isEmpty() ? List.of(Node.tagged(tag, tag, null)) : members;
    }

    private static Node userNode(String user) {
        return new Node(user, Set.of(), null, PolicyEvaluator.stripAt(user), Set.of());
    }

    /** The machine at a host's address (a tier member keeps its tags), or the prefix itself for a range. */
    private static Node hostNode(Inventory inventory, String name, IpPrefix address) {
        if (address.isAddress()) {
            return inventory.at(address).map(n -> new Node(name, n.tags(), n.address(), n.user(), n.groups()))
                    .orElse(new Node(name, Set.of(), address, null, Set.of()));
        }
        return new Node(name, Set.of(), address, null, Set.of());
    }
}
