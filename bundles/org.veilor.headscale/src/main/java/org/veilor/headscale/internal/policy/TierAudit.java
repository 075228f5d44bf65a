package org.veilor.headscale.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.veilor.headscale.internal.policy.Inventory.Node;

/**
 * Checks the tier promises of DESIGN.md rule by rule, beyond the sample points of tests: a test
 * proves "guest cannot reach nullstone:22"; the audit proves no rule lets a guest reach anything but
 * its destinations, whatever the port or address. Every violation names the rule.
 */
public final class TierAudit {

    private final TierModel model;
    private final PolicyEvaluator evaluator;

    public TierAudit(TierModel model, PolicyEvaluator evaluator) {
        this.model = model;
        this.evaluator = evaluator;
    }

    /** The four promises, in the order DESIGN.md states them. */
    public List<CheckResult> run() {
        return List.of(adminReachesEverything(), infraReachesOnlyInfra(), infraAcceptsOnlyAdminsAndInfra(),
                guestsReachOnlyTheirDestinations());
    }

    CheckResult adminReachesEverything() {
        boolean granted = evaluator.policy().acls().stream().anyMatch(r -> r.src().stream().anyMatch(a -> a.text().equals(TierModel.ADMIN))
                && r.proto().isEmpty() && r.dst().stream().anyMatch(d -> d.alias().kind() == Alias.Kind.WILDCARD && d.ports().isAll()));
        return CheckResult.of("promise: tag:admin reaches *:*",
                granted ? List.of() : List.of("no rule gives " + TierModel.ADMIN + " \"*:*\" for every protocol"));
    }

    CheckResult infraReachesOnlyInfra() {
        List<String> failures = new ArrayList<>();
        for (AclRule rule : evaluator.policy().acls()) {
            if (rule.src().stream().noneMatch(this::mayMatchInfra)) {
                continue;
            }
            for (AclRule.Destination d : rule.dst()) {
                if (!onlyInfra(d.alias())) {
                    failures.add(rule.name() + " lets " + TierModel.INFRA + " reach " + d + "; infra may reach only infra");
                }
            }
        }
        return CheckResult.of("promise: tag:infra reaches only tag:infra", failures);
    }

    CheckResult infraAcceptsOnlyAdminsAndInfra() {
        List<String> failures = new ArrayList<>();
        for (AclRule rule : evaluator.policy().acls()) {
            for (AclRule.Destination d : rule.dst()) {
                // a destination alias hits the machines it would match as a source
                if (!mayMatchInfra(d.alias())) {
                    continue;
                }
                for (Alias src : rule.src()) {
                    // only tag:guest itself is let in at the guest destinations; "*" there also lets in every other device
                    boolean guestAllowance = src.kind() == Alias.Kind.TAG && src.text().equals(TierModel.GUEST) && guestPermitted(d);
                    if (!adminOrInfra(src) && !guestAllowance) {
                        failures.add(rule.name() + " lets " + src + " reach " + TierModel.INFRA + " through " + d
                                + "; infra accepts only " + TierModel.ADMIN + ", " + TierModel.ADMIN_GROUP + " and " + TierModel.INFRA
                                + " (and guests at their destinations)");
                    }
                }
            }
        }
        return CheckResult.of("promise: tag:infra accepts only admins and infra", failures);
    }

    CheckResult guestsReachOnlyTheirDestinations() {
        List<String> failures = new ArrayList<>();
        for (AclRule rule : evaluator.policy().acls()) {
            if (rule.src().stream().noneMatch(this::mayMatchGuest)) {
                continue;
            }
            for (AclRule.Destination d : rule.dst()) {
                if (!guestPermitted(d)) {
                    failures.add(rule.name() + " lets " + TierModel.GUEST + " reach " + d + "; guests may reach only " + allowance());
                }
            }
        }
        return CheckResult.of("promise: tag:guest reaches only " + allowance(), failures);
    }

    /** Whether a source alias could match a guest device (tagged guest, or an address range holding guests). */
    boolean mayMatchGuest(Alias a) {
        return switch (a.kind()) {
            case WILDCARD -> true;
            case TAG -> a.text().equals(TierModel.GUEST);
            case AUTOGROUP -> a.text().equals("autogroup:tagged") || a.text().equals("autogroup:danger-all");
            case PREFIX, HOST -> inTailnet(a.prefix()) && !(a.prefix().isAddress() && knownNonGuest(a.prefix()));
            default -> false; // users and groups own user devices; guests join with tagged keys
        };
    }

    private boolean mayMatchInfra(Alias a) {
        return switch (a.kind()) {
            case WILDCARD -> true;
            case TAG -> a.text().equals(TierModel.INFRA);
            case AUTOGROUP -> a.text().equals("autogroup:tagged") || a.text().equals("autogroup:danger-all");
            case PREFIX, HOST -> infra().stream().anyMatch(n -> evaluator.matches(a, n))
                    || (!a.prefix().isAddress() && inTailnet(a.prefix()) && infra().stream().anyMatch(n -> n.address() == null));
            default -> false;
        };
    }

    private boolean onlyInfra(Alias a) {
        return switch (a.kind()) {
            case TAG -> a.text().equals(TierModel.INFRA);
            case PREFIX, HOST -> a.prefix().isAddress() && infra().stream().anyMatch(n -> a.prefix().equals(n.address()));
            default -> false;
        };
    }

    private boolean adminOrInfra(Alias a) {
        return switch (a.kind()) {
            case TAG -> a.text().equals(TierModel.ADMIN) || a.text().equals(TierModel.INFRA);
            case GROUP -> a.text().equals(TierModel.ADMIN_GROUP);
            case USER -> model.adminUsers().stream().anyMatch(u -> PolicyEvaluator.stripAt(u).equals(a.userName()));
            case PREFIX, HOST -> a.prefix().isAddress() && evaluator.inventory().nodes().stream()
                    .anyMatch(n -> a.prefix().equals(n.address()) && (n.tags().contains(TierModel.ADMIN) || n.tags().contains(TierModel.INFRA)));
            default -> false;
        };
    }

    /** Whether a destination lies within what guests may reach: listed host:port pairs, or guests on the seed port. */
    private boolean guestPermitted(AclRule.Destination d) {
        Alias a = d.alias();
        if (a.kind() == Alias.Kind.TAG && a.text().equals(TierModel.GUEST)) {
            return model.guestPeerSeeding() && PortSet.single(model.seedPort()).containsAll(d.ports());
        }
        if ((a.kind() != Alias.Kind.HOST && a.kind() != Alias.Kind.PREFIX) || !a.prefix().isAddress()) {
            return false;
        }
        String ports = model.guestEndpoints().stream()
                .filter(e -> a.prefix().equals(model.hosts().get(e.host())))
                .map(e -> Integer.toString(e.port())).distinct().collect(Collectors.joining(","));
        return !ports.isEmpty() && PortSet.parse(ports).containsAll(d.ports());
    }

    private String allowance() {
        List<String> parts = model.guestEndpoints().stream().map(Object::toString).collect(Collectors.toCollection(ArrayList::new));
        if (model.guestPeerSeeding()) {
            parts.add(TierModel.GUEST + ":" + model.seedPort());
        }
        return parts.isEmpty() ? "nothing" : String.join(", ", parts);
    }

    private boolean inTailnet(IpPrefix p) {
        return model.tailnetPrefixes().stream().anyMatch(t -> t.overlaps(p));
    }

    private boolean knownNonGuest(IpPrefix address) {
        return evaluator.inventory().at(address).map(n -> !n.tags().contains(TierModel.GUEST)).orElse(false);
    }

    private List<Node> infra() {
        return evaluator.inventory().withTag(TierModel.INFRA);
    }
}
