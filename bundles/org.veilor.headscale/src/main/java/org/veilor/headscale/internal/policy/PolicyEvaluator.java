package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.veilor.headscale.internal.policy.Inventory.Node;

/**
 * Decides, like Headscale's filter, whether a policy lets one machine reach another on a port:
 * a connection is allowed when some {@code accept} rule has a source alias matching the sender and a
 * destination alias matching the receiver whose ports include the port. Runs {@code tests}: every
 * {@code accept} destination must be reachable from every machine the source stands for, no
 * {@code deny} destination from any; a failure names the rule that allowed what it should not.
 */
public final class PolicyEvaluator {

    private final Policy policy;
    private final Inventory inventory;

    public PolicyEvaluator(Policy policy, Inventory inventory) {
        this.policy = policy;
        this.inventory = inventory;
    }

    public Policy policy() {
        return policy;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The first rule allowing {@code src} to reach {@code dst} on the port, if any. */
    public Optional<AclRule> allowing(Node src, Node dst, int port, String proto) {
        for (AclRule rule : policy.acls()) {
            if (!protoMatches(rule.proto(), proto)) {
                continue;
            }
            if (rule.src().stream().noneMatch(a -> matches(a, src))) {
                continue;
            }
            for (AclRule.Destination d : rule.dst()) {
                if (d.ports().contains(port) && matches(d.alias(), dst)) {
                    return Optional.of(rule);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every port on which {@code src} may reach {@code dst} through rules of exactly this protocol
     * (normalised: {@code ""} for rules without {@code proto}, which cover all protocols, else
     * {@code tcp}, {@code udp}, {@code icmp} or the number as written): the allowed pairs of a policy
     * are built from it ({@link PolicyPairs}).
     */
    public PortBits reach(Node src, Node dst, String proto) {
        String wanted = proto(proto);
        java.util.BitSet ports = new java.util.BitSet(65536);
        for (AclRule rule : policy.acls()) {
            if (!proto(rule.proto()).equals(wanted) || rule.src().stream().noneMatch(a -> matches(a, src))) {
                continue;
            }
            for (AclRule.Destination d : rule.dst()) {
                if (matches(d.alias(), dst)) {
                    d.ports().addTo(ports);
                }
            }
        }
        return PortBits.wrap(ports);
    }

    /** Whether an alias covers a machine. */
    public boolean matches(Alias alias, Node node) {
        return switch (alias.kind()) {
            case WILDCARD -> true;
            case TAG -> node.tags().contains(alias.text());
            case PREFIX, HOST -> node.address() != null && alias.prefix().contains(node.address());
            case USER -> node.user() != null && node.user().equals(alias.userName());
            case GROUP -> node.groups().contains(alias.text()) || (node.user() != null
                    && policy.groups().getOrDefault(alias.text(), List.of()).stream().anyMatch(u -> sameUser(u, node.user())));
            case AUTOGROUP -> switch (alias.text()) {
                case "autogroup:tagged" -> !node.tags().isEmpty();
                case "autogroup:member" -> node.user() != null && node.tags().isEmpty();
                case "autogroup:danger-all" -> true;
                default -> false; // self, internet, nonroot: never a tier machine
            };
        };
    }

    /** The machines a test alias stands for: known ones, else one symbolic stand-in. */
    public List<Node> nodesFor(Alias alias, String where) throws PolicyException {
        switch (alias.kind()) {
            case TAG: {
                List<Node> members = inventory.withTag(alias.text());
                return members.isEmpty() ? List.of(Node.tagged(alias.text(), alias.text(), null)) : members;
            }
            case PREFIX:
            case HOST: {
                if (!alias.prefix().isAddress()) {
                    throw new PolicyException(where + ": a test names single addresses; '" + alias.text() + "' is the prefix " + alias.prefix());
                }
                return List.of(inventory.at(alias.prefix())
                        .map(n -> new Node(alias.text(), n.tags(), n.address(), n.user(), n.groups()))
                        .orElse(new Node(alias.text(), Set.of(), alias.prefix(), null, Set.of())));
            }
            case USER:
                return List.of(new Node(alias.text(), Set.of(), null, alias.userName(), Set.of()));
            case GROUP: {
                List<Node> members = new ArrayList<>();
                for (String u : policy.groups().getOrDefault(alias.text(), List.of())) {
                    members.add(new Node(u, Set.of(), null, stripAt(u), Set.of(alias.text())));
                }
                return members.isEmpty() ? List.of(new Node(alias.text(), Set.of(), null, null, Set.of(alias.text()))) : members;
            }
            default:
                throw new PolicyException(where + ": '" + alias.text() + "' cannot be a test source or destination (use a tag, host, address, user or group)");
        }
    }

    /** Runs one test. */
    public CheckResult run(PolicyTest test) throws PolicyException {
        List<String> failures = new ArrayList<>();
        List<Node> sources = nodesFor(test.src(), test.origin() + ".src");
        for (PolicyTest.Target t : test.accept()) {
            for (Node src : sources) {
                for (Node dst : nodesFor(t.alias(), test.origin())) {
                    if (allowing(src, dst, t.port(), test.proto()).isEmpty()) {
                        failures.add(test.src() + " must reach " + t + " but no rule allows it" + via(src, test.src().text(), dst, t.alias().text()));
                    }
                }
            }
        }
        for (PolicyTest.Target t : test.deny()) {
            for (Node src : sources) {
                for (Node dst : nodesFor(t.alias(), test.origin())) {
                    Optional<AclRule> rule = allowing(src, dst, t.port(), test.proto());
                    rule.ifPresent(r -> failures.add(test.src() + " must not reach " + t + " but " + r.name() + " allows it"
                            + via(src, test.src().text(), dst, t.alias().text())));
                }
            }
        }
        return CheckResult.of(test.origin() + " " + test.src(), failures);
    }

    private static String via(Node src, String srcAlias, Node dst, String dstAlias) {
        List<String> parts = new ArrayList<>();
        if (!src.name().equals(srcAlias)) {
            parts.add("from " + src.name());
        }
        if (!dst.name().equals(dstAlias)) {
            parts.add("to " + dst.name());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** An empty rule protocol covers all; an empty test protocol means TCP and UDP (as Headscale's tests). */
    private static boolean protoMatches(String ruleProto, String testProto) {
        String r = proto(ruleProto);
        String t = proto(testProto);
        if (r.isEmpty()) {
            return true;
        }
        return t.isEmpty() ? r.equals("tcp") || r.equals("udp") : r.equals(t);
    }

    /** A rule or test protocol normalised: lower case, {@code 6}/{@code 17}/{@code 1} as their names. */
    static String proto(String p) {
        String s = p == null ? "" : p.strip().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            default -> s;
        };
    }

    private static boolean sameUser(String a, String b) {
        return stripAt(a).equals(stripAt(b));
    }

    static String stripAt(String user) {
        return user.endsWith("@") ? user.substring(0, user.length() - 1) : user;
    }
}
