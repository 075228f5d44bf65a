package org.veilor.headscale.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.Fixtures;

/**
 * The rendered tier policy per Headscale dialect, checked against the facts of mesh-radio.md §2.2:
 * top-level keys only from the version's set ({@code tests} from 0.29 only), every tag used defined in
 * {@code tagOwners}, users written {@code name@} from 0.26, hosts as IPs; and it passes Veilor's own
 * checks for every version.
 */
class TierPolicyRendererTest {

    private static final TierModel MODEL = Fixtures.settings().model();
    /** Keys every version knows (§2.2 table, "all"). */
    private static final Set<String> BASE_KEYS = Set.of("groups", "hosts", "tagOwners", "acls", "ssh", "autoApprovers");

    @ParameterizedTest
    @ValueSource(strings = { "0.23.0", "0.25.1", "0.26.0", "0.27.1", "0.28.0", "0.29.2", "0.30.0" })
    void renderedPolicyFitsTheDialect(String version) throws Exception {
        HeadscaleVersion v = HeadscaleVersion.parse(version);
        String text = TierPolicyRenderer.render(MODEL, v);
        JsonNode root = HuJson.read(text);
        Set<String> keys = new HashSet<>();
        root.fieldNames().forEachRemaining(keys::add);
        boolean from029 = v.compareTo(HeadscaleVersion.of(0, 29, 0)) >= 0;
        assertEquals(from029, keys.contains("tests"), "tests only from 0.29: " + keys);
        Set<String> unknown = new HashSet<>(keys);
        unknown.removeAll(BASE_KEYS);
        unknown.remove("tests");
        assertTrue(unknown.isEmpty(), "no key outside the version's set: " + unknown);
        assertFalse(keys.contains("grants"), "Veilor expresses the tiers as acls");

        for (String tag : tagsUsed(root)) {
            assertTrue(root.path("tagOwners").has(tag), tag + " is used but not in tagOwners");
        }
        for (JsonNode member : root.path("groups").path("group:tailnet-admin")) {
            boolean at = member.asText().endsWith("@");
            assertEquals(v.compareTo(HeadscaleVersion.of(0, 26, 0)) >= 0, at, "users end with @ from 0.26: " + member);
        }
        root.path("hosts").forEach(h -> assertTrue(IpPrefix.looksLikeIp(h.asText()), "hosts take IPs: " + h));
        root.path("acls").forEach(r -> assertEquals("accept", r.path("action").asText()));

        PolicyReport report = new PolicyChecker(MODEL).check(text, v);
        assertTrue(report.passed(), report.failureSummary());
        assertTrue(report.notes().isEmpty(), "nothing the version would ignore: " + report.notes());
    }

    @Test
    void tierRulesAndPromisesAreThere() throws Exception {
        String text = TierPolicyRenderer.render(MODEL, HeadscaleVersion.parse("0.29.2"));
        assertTrue(text.startsWith("// Veilor tier policy for Headscale 0.29.2"), text);
        JsonNode acls = HuJson.read(text).path("acls");
        assertEquals(3, acls.size(), "admin, infra, guest; no guest-to-guest rule while guestPeerSeeding is off: " + acls);
        assertEquals("[\"tag:admin\",\"group:tailnet-admin\"]", acls.get(0).path("src").toString());
        assertEquals("[\"*:*\"]", acls.get(0).path("dst").toString());
        assertEquals("[\"tag:infra:*\"]", acls.get(1).path("dst").toString());
        assertEquals("[\"x.veilor:443\",\"media:7867\"]", acls.get(2).path("dst").toString());
        JsonNode tests = HuJson.read(text).path("tests");
        assertEquals("tag:guest", tests.get(2).path("src").asText());
        assertTrue(tests.get(2).path("deny").toString().contains("\"tag:guest:7867\""), tests.toString());
        assertTrue(tests.get(2).path("deny").toString().contains("\"nullstone:22\""), tests.toString());
        assertTrue(text.contains("  // tag:guest reach only x.veilor:443, media:7867.\n"), "rules carry comments:\n" + text);
    }

    @Test
    void guestPeerSeedingAddsTheSeedPortRuleOnly() throws Exception {
        TierModel on = new TierModel(MODEL.adminMembers(), MODEL.infraMembers(), MODEL.adminUsers(), MODEL.hosts(),
                MODEL.guestDestinations(), MODEL.seedHosts(), MODEL.seedPort(), true, MODEL.tailnetPrefixes());
        String text = TierPolicyRenderer.render(on, HeadscaleVersion.parse("0.29.2"));
        JsonNode acls = HuJson.read(text).path("acls");
        assertEquals("[\"tag:guest:7867\"]", acls.get(3).path("dst").toString());
        JsonNode guestTest = HuJson.read(text).path("tests").get(2);
        assertTrue(guestTest.path("accept").toString().contains("tag:guest:7867"), guestTest.toString());
        assertTrue(guestTest.path("deny").toString().contains("tag:guest:22"), guestTest.toString());
        assertTrue(new PolicyChecker(on).check(text, HeadscaleVersion.parse("0.29.2")).passed());
    }

    @Test
    void testsForAnOldServerAreRefusedOrNoted() {
        String with = TierPolicyRenderer.render(MODEL, HeadscaleVersion.parse("0.29.2"));
        PolicyReport v028 = new PolicyChecker(MODEL).check(with, HeadscaleVersion.parse("0.28.0"));
        assertFalse(v028.passed());
        assertTrue(v028.failureSummary().contains("Headscale 0.28.0 refuses the unknown top-level key 'tests' (supported from 0.29.0)"),
                v028.failureSummary());
        PolicyReport v026 = new PolicyChecker(MODEL).check(with, HeadscaleVersion.parse("0.26.0"));
        assertTrue(v026.passed(), v026.failureSummary());
        assertEquals(List.of("Headscale 0.26.0 ignores the top-level key 'tests' (supported from 0.29.0)"), v026.notes());
    }

    private static List<String> tagsUsed(JsonNode root) {
        List<String> used = new ArrayList<>();
        for (JsonNode r : root.path("acls")) {
            r.path("src").forEach(s -> used.add(s.asText()));
            r.path("dst").forEach(d -> used.add(d.asText().substring(0, d.asText().lastIndexOf(':'))));
        }
        for (JsonNode t : root.path("tests")) {
            used.add(t.path("src").asText());
            t.path("accept").forEach(d -> used.add(d.asText().substring(0, d.asText().lastIndexOf(':'))));
            t.path("deny").forEach(d -> used.add(d.asText().substring(0, d.asText().lastIndexOf(':'))));
        }
        return used.stream().filter(a -> a.startsWith("tag:")).distinct().toList();
    }
}
