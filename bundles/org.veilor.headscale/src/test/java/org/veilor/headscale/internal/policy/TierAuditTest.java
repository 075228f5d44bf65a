package org.veilor.headscale.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.Fixtures;

/**
 * Deliberately leaky policies must be refused, each with the offending rule named; the tier policy
 * and honest variants pass. Checked through {@link PolicyChecker}, which the push goes through.
 */
class TierAuditTest {

    private static final TierModel MODEL = Fixtures.settings().model();
    private static final HeadscaleVersion V029 = HeadscaleVersion.parse("0.29.2");
    private static final String HEAD = """
            {
              "groups": {"group:tailnet-admin": ["alice@"]},
              "tagOwners": {"tag:admin": ["group:tailnet-admin"], "tag:infra": ["group:tailnet-admin"], "tag:guest": ["group:tailnet-admin"]},
              "hosts": {"onyx": "100.64.0.1", "nullstone": "100.64.0.2", "office": "100.64.0.3", "x.veilor": "100.64.0.2", "media": "100.64.0.9"},
              "acls": [
                {"action": "accept", "src": ["tag:admin", "group:tailnet-admin"], "dst": ["*:*"]},
                {"action": "accept", "src": ["tag:infra"], "dst": ["tag:infra:*"]},
                {"action": "accept", "src": ["tag:guest"], "dst": ["x.veilor:443", "media:7867"]}""";

    private static PolicyReport check(String extraRules) {
        return new PolicyChecker(MODEL).check(HEAD + extraRules + "\n]}", V029);
    }

    private static List<String> failures(PolicyReport r) {
        return r.failed().stream().flatMap(c -> c.failures().stream().map(f -> c.name() + ": " + f)).toList();
    }

    @Test
    void theHonestPolicyPasses() {
        PolicyReport r = check("");
        assertTrue(r.passed(), failures(r).toString());
        assertTrue(r.checks().size() >= 8, "tier tests and four promises were run: " + r.checks());
    }

    @Test
    void guestToEverythingIsRefusedNamingTheRule() {
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"*:*\"]}");
        assertFalse(r.passed());
        List<String> f = failures(r);
        assertTrue(f.stream().anyMatch(s -> s.startsWith("promise: tag:guest reaches only x.veilor:443, media:7867: acls[3] ")
                && s.contains("lets tag:guest reach *:*")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("tag:guest must not reach nullstone:22 but acls[3]")), f.toString());
        assertTrue(r.failureSummary().contains("acls[3] {\"action\":\"accept\",\"src\":[\"tag:guest\"],\"dst\":[\"*:*\"]}"), r.failureSummary());
    }

    @Test
    void guestToInfraSshIsRefused() {
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"tag:infra:22\"]}");
        List<String> f = failures(r);
        assertTrue(f.stream().anyMatch(s -> s.contains("tag:guest must not reach tag:infra:22 but acls[3]")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("lets tag:guest reach tag:infra:22")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.startsWith("promise: tag:infra accepts only admins and infra: acls[3]")), f.toString());
    }

    @Test
    void guestOnAnotherPortOfAnAllowedHostIsRefused() {
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"x.veilor:80,443\"]}");
        assertTrue(failures(r).stream().anyMatch(s -> s.contains("acls[3]") && s.contains("reach x.veilor:80,443")), failures(r).toString());
    }

    @Test
    void aSourceRangeHoldingGuestsIsRefused() {
        // No test samples this (guests have no fixed address); the rule audit catches it.
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"100.64.0.0/10\"], \"dst\": [\"office:5432\"]}");
        List<String> f = failures(r);
        assertTrue(f.stream().anyMatch(s -> s.contains("acls[3]") && s.contains("lets tag:guest reach office:5432")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("acls[3] ") && s.contains("lets tag:infra reach office:5432") == false
                && s.contains("lets 100.64.0.0/10 reach tag:infra")), f.toString());
    }

    @Test
    void wildcardSourceBreaksEveryPromise() {
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"tag:admin:22\"]}");
        List<String> f = failures(r);
        assertTrue(f.stream().anyMatch(s -> s.startsWith("promise: tag:infra reaches only tag:infra: acls[3]")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.startsWith("promise: tag:guest reaches only") && s.contains("acls[3]")), f.toString());
        assertTrue(f.stream().anyMatch(s -> s.contains("tag:infra must not reach onyx:22 but acls[3]")), f.toString());
    }

    @Test
    void everyoneAtAGuestDestinationOnInfraIsRefused() {
        // x.veilor is nullstone (infra): guests may come in on 443, not every device of the tailnet.
        PolicyReport r = check(",\n {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"x.veilor:443\"]}");
        List<String> f = failures(r);
        assertTrue(f.stream().anyMatch(s -> s.startsWith("promise: tag:infra accepts only admins and infra: acls[3]")
                && s.contains("lets * reach tag:infra through x.veilor:443")), f.toString());
        assertFalse(f.stream().anyMatch(s -> s.startsWith("promise: tag:guest")), "443 on x.veilor is a guest destination: " + f);
    }

    @Test
    void infraToAdminAndUserDevicesToInfraAreRefused() {
        PolicyReport out = check(",\n {\"action\": \"accept\", \"src\": [\"tag:infra\"], \"dst\": [\"onyx:22\"]}");
        assertTrue(failures(out).stream().anyMatch(s -> s.contains("lets tag:infra reach onyx:22; infra may reach only infra")),
                failures(out).toString());
        PolicyReport in = check(",\n {\"action\": \"accept\", \"src\": [\"autogroup:member\"], \"dst\": [\"nullstone:*\"]}");
        assertTrue(failures(in).stream().anyMatch(s -> s.contains("lets autogroup:member reach tag:infra through nullstone:*")),
                failures(in).toString());
    }

    @Test
    void adminWithoutEverythingIsRefused() {
        PolicyReport r = new PolicyChecker(MODEL).check(HEAD.replace("\"dst\": [\"*:*\"]", "\"dst\": [\"tag:infra:22\"]") + "]}", V029);
        assertTrue(failures(r).stream().anyMatch(s -> s.startsWith("promise: tag:admin reaches *:*: no rule gives tag:admin")), failures(r).toString());
        assertTrue(failures(r).stream().anyMatch(s -> s.contains("tag:admin must reach x.veilor:443 but no rule allows it")), failures(r).toString());
    }

    @Test
    void guestPeerSeedingIsAllowedOnlyOnTheSeedPortWhenEnabled() {
        String peers = ",\n {\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"tag:guest:7867\"]}";
        PolicyReport off = check(peers);
        assertTrue(failures(off).stream().anyMatch(s -> s.contains("lets tag:guest reach tag:guest:7867")), failures(off).toString());
        assertTrue(failures(off).stream().anyMatch(s -> s.contains("tag:guest must not reach tag:guest:7867 but acls[3]")), failures(off).toString());

        TierModel on = new TierModel(MODEL.adminMembers(), MODEL.infraMembers(), MODEL.adminUsers(), MODEL.hosts(), MODEL.guestDestinations(),
                MODEL.seedHosts(), MODEL.seedPort(), true, MODEL.tailnetPrefixes());
        PolicyReport allowed = new PolicyChecker(on).check(HEAD + peers + "\n]}", V029);
        assertTrue(allowed.passed(), failures(allowed).toString());
        PolicyReport wider = new PolicyChecker(on).check(HEAD + peers.replace("7867", "*") + "\n]}", V029);
        assertTrue(failures(wider).stream().anyMatch(s -> s.contains("lets tag:guest reach tag:guest:*")), failures(wider).toString());
    }

    @Test
    void aPolicyThatDoesNotLoadIsOneFailedCheck() {
        PolicyReport r = new PolicyChecker(MODEL).check("{\"acls\": [{\"action\": \"accept\", \"src\": [\"tag:guest\"], \"dst\": [\"*:*\"]}]}", V029);
        assertEquals(1, r.checks().size());
        assertEquals("policy loads", r.checks().get(0).name());
        assertTrue(r.failureSummary().contains("tag:guest is not defined in tagOwners"), r.failureSummary());
    }
}
