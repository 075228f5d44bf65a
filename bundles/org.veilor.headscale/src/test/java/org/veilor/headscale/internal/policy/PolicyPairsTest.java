package org.veilor.headscale.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.Fixtures;

/**
 * Allowed pairs and their diff, from the evaluator, for the edits operators make: a guest
 * destination, SSH between tiers, a protocol, a user leaving the admin group, a rule for one host.
 * Expected lines follow from the fixtures' model (x.veilor is nullstone's address; onyx and
 * failsafe carry tag:admin, nullstone and office tag:infra).
 */
class PolicyPairsTest {

    private static final TierModel MODEL = Fixtures.settings().model();
    private static final String TIER = TierPolicyRenderer.render(MODEL, HeadscaleVersion.parse("0.29.2"));

    private static PolicyDiff diff(String before, String after) throws PolicyException {
        Policy b = PolicyParser.parse(before, true);
        Policy a = PolicyParser.parse(after, true);
        PairUniverse u = PairUniverse.of(MODEL, List.of(b, a));
        return PolicyPairs.of(b, u).diffTo(PolicyPairs.of(a, u));
    }

    private static String withRule(String rule) {
        return TIER.replace("\"acls\": [\n", "\"acls\": [\n    " + rule + ",\n");
    }

    @Test
    void portSetsWriteLikeThePolicy() {
        assertEquals("*", PortBits.all().toString());
        assertEquals("22", PortBits.parse("22").toString());
        assertEquals("80,443,1000-2000", PortBits.parse("443,80,1000-2000").toString());
        assertEquals("0-21,23-65535", PortBits.all().minus(PortBits.parse("22")).toString());
        assertEquals("65535", PortBits.parse("65535").toString());
        assertTrue(PortBits.parse("22").and(PortBits.parse("80")).isEmpty());
    }

    @Test
    void theTierPolicyAllowsWhatTheTiersPromise() throws Exception {
        Policy p = PolicyParser.parse(TIER, true);
        List<PolicyPairs.Pair> pairs = PolicyPairs.of(p, PairUniverse.of(MODEL, List.of(p))).pairs();
        List<String> guest = pairs.stream().filter(x -> x.source().equals("tag:guest")).map(PolicyPairs.Pair::target).toList();
        assertEquals(List.of("nullstone:443", "x.veilor:443", "media:7867"), guest);
        List<String> infra = pairs.stream().filter(x -> x.source().equals("tag:infra")).map(PolicyPairs.Pair::target).toList();
        assertEquals(List.of("tag:infra:*", "nullstone:*", "office:*", "x.veilor:*"), infra);
        assertTrue(pairs.contains(new PolicyPairs.Pair("tag:admin", "tag:infra", "", "*")));
        assertTrue(pairs.contains(new PolicyPairs.Pair("alice@", "tag:admin", "", "*")), "alice is in group:tailnet-admin");
    }

    @Test
    void aNewGuestDestinationIsAGainOnItsHostAndItsMachine() throws Exception {
        String before = TIER.replace("\"dst\": [\"x.veilor:443\", \"media:7867\"]", "\"dst\": [\"media:7867\"]");
        assertEquals(List.of("tag:guest gains nullstone:443", "tag:guest gains x.veilor:443"), diff(before, TIER).lines());
    }

    @Test
    void removingSshBetweenTiersIsALoss() throws Exception {
        PolicyDiff d = diff(withRule("{\"action\": \"accept\", \"src\": [\"tag:infra\"], \"dst\": [\"tag:admin:22\"]}"), TIER);
        assertEquals(List.of("tag:infra loses tag:admin:22", "tag:infra loses onyx:22"), d.lines());
        assertEquals(d.pairsBefore() - 2, d.pairsAfter());
    }

    @Test
    void narrowingAPortRangeLosesOnlyTheRest() throws Exception {
        PolicyDiff d = diff(TIER, TIER.replace("\"dst\": [\"tag:infra:*\"]", "\"dst\": [\"tag:infra:22,443\"]"));
        assertEquals("tag:infra loses tag:infra:0-21,23-442,444-65535", d.lines().get(0));
        assertTrue(d.gains().isEmpty());
    }

    @Test
    void aProtocolOnARuleIsALossForAllAndAGainForThatProtocol() throws Exception {
        PolicyDiff d = diff(TIER, TIER.replace("{\"action\": \"accept\", \"src\": [\"tag:guest\"],",
                "{\"action\": \"accept\", \"proto\": \"udp\", \"src\": [\"tag:guest\"],"));
        assertTrue(d.lines().contains("tag:guest loses media:7867"), d.lines().toString());
        assertTrue(d.lines().contains("tag:guest gains media:7867 (udp)"), d.lines().toString());
    }

    @Test
    void aUserLeavingTheAdminGroupLosesItsReach() throws Exception {
        String without = TIER.replace("\"group:tailnet-admin\": [\"alice@\"]", "\"group:tailnet-admin\": []");
        List<String> lines = diff(TIER, without).lines();
        assertTrue(lines.contains("group:tailnet-admin loses tag:admin:*"), lines.toString());
        assertTrue(lines.contains("alice@ loses tag:infra:*"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("tag:admin ")), "the admin machines keep their reach: " + lines);
    }

    @Test
    void aRuleForOneHostIsNamedByThatHostNotItsTag() throws Exception {
        PolicyDiff d = diff(TIER, withRule("{\"action\": \"accept\", \"src\": [\"office\"], \"dst\": [\"onyx:22\"]}"));
        assertEquals(List.of("office gains onyx:22"), d.lines(), "tag:infra does not gain: nullstone still cannot");
    }

    @Test
    void noAclsAtAllIsHeadscalesAllowAll() throws Exception {
        List<String> lines = diff("{}", TIER).lines();
        assertTrue(lines.contains("tag:guest loses tag:admin:*"), lines.toString());
        assertTrue(lines.contains("* loses *:*"), lines.toString());
        assertTrue(diff("{\"tagOwners\": {\"tag:admin\": [], \"tag:infra\": [], \"tag:guest\": []}, \"acls\": []}", TIER).losses().isEmpty(),
                "empty acls deny everything");
    }
}
