package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.veilor.testsupport.FedoraShapedIso;
import org.veilor.testsupport.Poll;

/**
 * The kickstart feature in the real distribution: install.ks through veilor:release,
 * kickstart:validate with line numbers, kickstart:iso on a Fedora-shaped ISO with the real xorriso
 * and mtools, the public-ISO gate, and the configuration rule.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KickstartIT extends VeilorTestSupport {

    private static final String PID = "org.veilor.kickstart";

    @Before
    public void installFeature() throws Exception {
        if (!installed("veilor-kickstart")) {
            installFeature("veilor-kickstart");
        }
        waitForCommand("kickstart:render");
    }

    @Test
    public void releaseWritesAValidInstallKsAndSaysHowToBuildTheIso() throws Exception {
        setConfig(PID, Map.of("targetDisk", "vda"));
        Poll.assertEventually(TIMEOUT, () -> assertTrue(execute("kickstart:render").contains("ignoredisk --only-use=vda")));
        Path out = workDir("kickstart-release").resolve("v0.7");
        String text = execute("veilor:release --out " + out);
        assertTrue(text, text.contains("[kickstart] wrote kickstart/install.ks"));
        Path ks = out.resolve("kickstart/install.ks");
        String content = Files.readString(ks);
        assertTrue(content, content.startsWith("# veilor-os bootstrap kickstart (install.ks)\n# Produced by org.veilor.kickstart "));
        assertTrue(content.contains("ostreecontainer --url=ghcr.io/veilor/veilor-os:43 --transport=registry --stateroot=default"));
        JsonNode report = JSON.readTree(out.resolve("release-report.json").toFile());
        assertTrue(report.toString(), report.get("ok").asBoolean());
        boolean isoInfo = false;
        for (JsonNode f : report.get("findings")) {
            isoInfo |= f.get("code").asText().equals("bootstrap-iso.not-configured");
        }
        assertTrue(report.toString(), isoInfo);
        String validation = execute("kickstart:validate " + ks);
        assertTrue(validation, validation.contains("install.ks: 0 error(s), 0 warning(s)"));
    }

    @Test
    public void validateCatchesTheRulesWithLineNumbers() throws Exception {
        Path ks = workDir("kickstart-validate").resolve("bad.ks");
        Files.writeString(ks, "text\nzerombr\npart / --grow\nostreecontainer --url=ghcr.io/x/y:1 --noSignatureVerification\n"
                + "%post\nbootc switch ghcr.io/other/image:1\n%end\n");
        try {
            execute("kickstart:validate " + ks);
            fail("an invalid kickstart must fail");
        } catch (CommandFailed e) {
            String out = e.output();
            assertTrue(out, e.getMessage().contains("bad.ks does not validate: 4 error(s)"));
            for (String expected : new String[] { ks + ":2", ks + ":3", ks + ":4", ks + ":6", "strategy.unlimited-wipe",
                    "strategy.root-not-encrypted", "kickstart.unknown-option", "strategy.rebase-in-post" }) {
                assertTrue(expected + " in\n" + out, out.contains(expected));
            }
        }
    }

    @Test
    public void isoIsBuiltFromAFedoraShapedIsoAndAPublicIsoWaitsForTheBlocker() throws Exception {
        setConfig(PID, Map.of("targetDisk", "vda"));
        Path dir = workDir("kickstart-iso");
        Path base = FedoraShapedIso.build(dir, true);
        Path out = dir.resolve("veilor-bootstrap.iso");
        String text = execute("kickstart:iso --base " + base + " --out " + out + " --force");
        assertTrue(text, text.contains("[5/5] checking the boot records"));
        assertTrue(text, text.contains("EFI partition 2:/EFI/BOOT/grub.cfg: 4 boot entries load install.ks"));
        String report = FedoraShapedIso.run(dir, "xorriso", "-indev", out.toString(), "-report_el_torito", "plain");
        assertEquals(2, report.lines().filter(l -> l.startsWith("El Torito boot img :")).count());

        putConfig("org.veilor.core", Map.of("publicIso", true));
        try {
            Path blocked = dir.resolve("public.iso");
            Files.deleteIfExists(blocked);
            // the gates apply the change asynchronously: wait until they report it, then try once
            Poll.assertEventually(TIMEOUT, () -> assertTrue(executeJson("veilor:status --json").get("publicIso").asBoolean()));
            try {
                execute("kickstart:iso --base " + base + " --out " + blocked);
                fail("a public ISO must be refused while the guest-ACL blocker is open");
            } catch (CommandFailed e) {
                assertTrue(e.getMessage(), e.getMessage().contains("no public ISO while the external guest-ACL blocker is open"));
            }
            assertFalse(Files.exists(blocked));
        } finally {
            putConfig("org.veilor.core", Map.of("publicIso", false));
            Poll.assertEventually(TIMEOUT, () -> assertFalse(executeJson("veilor:status --json").get("publicIso").asBoolean()));
        }
    }

    @Test
    public void anInvalidChangeIsRefusedAndShown() throws Exception {
        setConfig(PID, Map.of("targetDisk", "vda"));
        // The valid value must be in force before the invalid one comes: otherwise the refusal can
        // land while the component is still settling from an earlier change (CI saw that once).
        Poll.assertEventually(TIMEOUT, () -> {
            assertTrue(execute("kickstart:render").contains("--only-use=vda"));
            JsonNode c = CoreIT.component(executeJson("veilor:status --json"), PID);
            assertEquals("active", c.get("state").asText());
        });
        putConfig(PID, Map.of("targetDisk", "two disks"));
        try {
            Poll.assertEventually(TIMEOUT, () -> {
                JsonNode c = CoreIT.component(executeJson("veilor:status --json"), PID);
                String detail = c.get("detail").asText();
                assertTrue(detail, detail.startsWith("running on previous configuration: "));
                assertTrue(detail, detail.contains("org.veilor.kickstart: targetDisk = 'two disks' is invalid"));
            });
            assertTrue(execute("kickstart:render").contains("--only-use=vda"));
        } finally {
            putConfig(PID, Map.of("targetDisk", ""));
        }
    }
}
