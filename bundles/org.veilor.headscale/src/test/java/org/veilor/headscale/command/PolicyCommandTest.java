package org.veilor.headscale.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.internal.policy.TierPolicyRenderer;

/** headscale:policy: render, evaluate, print results; push only when they pass; the server's own checks agree. */
class PolicyCommandTest extends CommandTestSupport {

    private PolicyCommand command() {
        PolicyCommand c = new PolicyCommand();
        c.tier = tier;
        c.client = client;
        c.rollouts = rollouts;
        return c;
    }

    @ParameterizedTest
    @ValueSource(strings = { "0.25.1", "0.26.1", "0.27.1", "0.28.0", "0.29.2", "0.30.0" })
    void rendersChecksAndPushesForTheServersVersion(String version) throws Exception {
        start(version);
        PolicyCommand c = command();
        c.push = true;
        c.yes = true; // no policy stored yet: Headscale allows all, so the tier policy loses pairs
        String out = run(c);
        assertTrue(out.contains("// Veilor tier policy for Headscale " + version), out);
        assertTrue(out.contains("Checked for Headscale " + version + " (read from " + fake.url() + "/version):"), out);
        assertTrue(out.contains("promise: tag:guest reaches only x.veilor:443, media:7867 | pass"), out);
        assertTrue(out.contains("Pushed #1 to " + fake.url() + " (Headscale " + version + "): stored at "), out);
        assertTrue(out.contains("#1 is the last good policy."), out);
        assertEquals(TierPolicyRenderer.render(tier.settings().model(), HeadscaleVersion.parse(version)), fake.policy(),
                "the fake Headscale (with its per-version load checks) accepted exactly the rendered policy");
        assertEquals(HeadscaleVersion.parse(version).policyAcceptsTests(), fake.policy().contains("\"tests\""));
    }

    @Test
    void aPolicyForANewerServerIsRefusedByTheOlderOneToo() throws Exception {
        start("0.28.0");
        String forNewer = TierPolicyRenderer.render(tier.settings().model(), HeadscaleVersion.parse("0.29.2"));
        Exception e = assertThrows(Exception.class, () -> client.setPolicy(forNewer));
        assertTrue(e.getMessage().contains("unknown member \"tests\""), "the fake applies 0.28's rule: " + e.getMessage());
        Path file = Files.writeString(dir.resolve("newer.hujson"), forNewer);
        PolicyCommand c = command();
        c.file = file.toString();
        c.push = true;
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertTrue(f.getMessage().contains("Headscale 0.28.0 refuses the unknown top-level key 'tests'"), f.getMessage());
        assertTrue(f.getMessage().contains("nothing was pushed"), f.getMessage());
        assertEquals("", fake.policy());
    }

    @Test
    void aLeakyPolicyFileIsRefusedNamingTheRuleAndNotPushed() throws Exception {
        start("0.29.2");
        String leaky = TierPolicyRenderer.render(tier.settings().model(), HeadscaleVersion.parse("0.29.2"))
                .replace("\"dst\": [\"x.veilor:443\", \"media:7867\"]", "\"dst\": [\"x.veilor:443\", \"media:7867\", \"tag:infra:22\"]");
        Path file = Files.writeString(dir.resolve("leaky.hujson"), leaky);
        PolicyCommand c = command();
        c.file = file.toString();
        c.push = true;
        c.out = dir.resolve("deployed.hujson").toString();
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertTrue(f.getMessage().startsWith("policy refused: "), f.getMessage());
        assertTrue(f.getMessage().contains("tests[2] tag:guest: tag:guest must not reach nullstone:22 but acls[2]"), f.getMessage());
        assertTrue(f.getMessage().contains("lets tag:guest reach tag:infra:22"), f.getMessage());
        assertTrue(f.output.contains("| FAIL"), "results are printed before the refusal:\n" + f.output);
        assertEquals("", fake.policy(), "nothing pushed");
        assertFalse(Files.exists(dir.resolve("deployed.hujson")), "nothing written");
    }

    @Test
    void writesThePolicyForFileModeAndExplainsAServerRefusal() throws Exception {
        start("0.29.2");
        fake.fileMode();
        PolicyCommand c = command();
        c.out = dir.resolve("policy.hujson").toString();
        c.quiet = true;
        String out = run(c);
        assertFalse(out.contains("\"acls\""), "--quiet prints results only");
        assertTrue(out.contains("All 9 checks passed."), out);
        assertEquals(TierPolicyRenderer.render(tier.settings().model(), HeadscaleVersion.parse("0.29.2")),
                Files.readString(dir.resolve("policy.hujson")));
        c.push = true;
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertEquals("Headscale failed to read the policy (HTTP 500, INTERNAL): loading ACL from database: policy mode is 'file', not 'database'",
                f.getMessage());
        assertTrue(rollouts.rollout().history().isEmpty(), "nothing recorded");
    }

    @Test
    void previewForAnotherVersionWithoutPushing() throws Exception {
        start("0.29.2");
        PolicyCommand c = command();
        c.version = "0.26.0";
        String out = run(c);
        assertTrue(out.contains("Checked for Headscale 0.26.0 (given with --version)"), out);
        assertFalse(out.contains("\"tests\""), out);
        c.push = true;
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertTrue(f.getMessage().startsWith("--version renders for another Headscale"), f.getMessage());
    }

    @Test
    void unconfiguredSaysSo() {
        PolicyCommand c = new PolicyCommand();
        Failed f = assertThrows(Failed.class, () -> run(c));
        assertTrue(f.getMessage().startsWith("the Headscale tier model is not configured: set serverUrl"), f.getMessage());
    }
}
