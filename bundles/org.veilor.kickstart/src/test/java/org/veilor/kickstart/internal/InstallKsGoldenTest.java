package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KickstartDocument;
import org.veilor.kickstart.KickstartParser;
import org.veilor.kickstart.KickstartValidator;
import org.veilor.kickstart.KsCommand;
import org.veilor.kickstart.KsSection;
import org.veilor.kickstart.RenderedKickstart;

/**
 * The bootstrap install.ks against golden files, and the golden files against the facts of
 * spec §2 (so a golden file cannot silently drift into something Anaconda would not take).
 */
class InstallKsGoldenTest {

    static final String PRODUCER = "org.veilor.kickstart (test)";

    /** Reads a golden file; {@code -Dkickstart.golden.update=true} rewrites it first (then review the diff). */
    static String golden(String name, String actual) throws IOException {
        if (Boolean.getBoolean("kickstart.golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden", name), actual);
        }
        return golden(name);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = InstallKsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static RenderedKickstart render(Map<String, Object> overrides) throws IOException {
        return KickstartServiceImpl.render(TestConfigs.settings(overrides), ReleaseStage.V0_7, PRODUCER);
    }

    @Test
    void defaultLayoutOnOneNamedDiskMatchesTheGoldenFile() throws Exception {
        RenderedKickstart r = render(Map.of("targetDisk", "nvme0n1"));
        assertEquals(golden("install.ks", r.text()), r.text());
        assertEquals(List.of(), r.findings());
    }

    @Test
    void withoutADiskTheInstallerAsksAndNothingIsWiped() throws Exception {
        RenderedKickstart r = render(Map.of());
        assertEquals(golden("install-no-disk.ks", r.text()), r.text());
        KickstartDocument d = KickstartParser.parse(r.text(), "install.ks");
        for (String wipe : List.of("clearpart", "zerombr", "ignoredisk", "part", "autopart")) {
            assertEquals(List.of(), d.commands(wipe), wipe);
        }
        assertEquals(List.of("strategy.interactive-storage"), r.findings().stream().map(Finding::code).toList());
        assertTrue(r.ok());
    }

    @Test
    void goldenFileAgreesWithTheSpecsFacts() throws Exception {
        String text = golden("install.ks");
        KickstartDocument d = KickstartParser.parse(text, "install.ks");
        // §2.4: what ksvalidator -v F43 checks: nothing to report.
        assertEquals(List.of(), KickstartValidator.validate(d, "install.ks", KickstartValidator.Options.f43Only()));
        // §2.1: --url required, a plain image ref for transport registry; only the dashed flag exists.
        KsCommand oc = d.commands("ostreecontainer").get(0);
        assertTrue(oc.args().contains("--url=ghcr.io/veilor/veilor-os:43"), oc.toString());
        assertTrue(oc.args().contains("--transport=registry"), oc.toString());
        assertFalse(text.contains("noSignatureVerification"));
        assertFalse(oc.args().contains("--no-signature-verification"), "verification stays on by default");
        // §2.1: Anaconda silently ignores %packages with ostreecontainer: keep it out. No bootc before v1.0.
        assertEquals(List.of(), d.sections("%packages"));
        assertEquals(List.of(), d.commands("bootc"));
        // §2.3: one disk, GPT, reqpart --add-boot (needed when / is LUKS), LUKS2 root, no passphrase → one prompt.
        assertEquals(List.of("--only-use=nvme0n1"), d.commands("ignoredisk").get(0).args());
        assertTrue(d.commands("clearpart").get(0).args().containsAll(List.of("--drives=nvme0n1", "--disklabel=gpt")));
        assertEquals(List.of("--add-boot"), d.commands("reqpart").get(0).args());
        KsCommand root = d.commands("part").get(0);
        assertEquals("/", root.args().get(0));
        assertTrue(root.args().containsAll(List.of("--encrypted", "--luks-version=luks2")));
        assertFalse(text.contains("--passphrase"));
        // §2.1 signature nuance: the signed origin of the same image is set in %post, in place.
        KsSection post = d.sections("%post").get(0);
        assertTrue(String.join("\n", post.body()).contains(
                "bootc switch --mutate-in-place --enforce-container-sigpolicy --transport registry ghcr.io/veilor/veilor-os:43"));
        assertTrue(post.args().contains("--erroronfail"));
        // failure handling: the registry check stops the install in %pre, %onerror explains.
        KsSection pre = d.sections("%pre").get(0);
        assertTrue(pre.args().contains("--erroronfail"));
        assertTrue(String.join("\n", pre.body()).contains("https://${registry}/v2/"));
        assertEquals(1, d.sections("%onerror").size());
        assertTrue(text.startsWith("# veilor-os bootstrap kickstart (install.ks)\n# Produced by " + PRODUCER));
    }

    @Test
    void signatureVerificationOffUsesTheDashedFlagAndNoSignedOrigin() throws Exception {
        RenderedKickstart r = render(Map.of("targetDisk", "sda", "signatureVerification", false));
        KickstartDocument d = KickstartParser.parse(r.text(), "install.ks");
        assertTrue(d.commands("ostreecontainer").get(0).args().contains("--no-signature-verification"));
        assertEquals(List.of(), d.sections("%post"));
        assertEquals(List.of("strategy.unverified-origin"), r.findings().stream().map(Finding::code).toList());
    }

    @Test
    void aPartitioningFileIsKeptVerbatim(@TempDir Path dir) throws Exception {
        String block = "ignoredisk --only-use=sdb\nclearpart --all --initlabel --drives=sdb\nreqpart --add-boot\n"
                + "part pv.01 --grow --encrypted   # spacing kept\nvolgroup vg pv.01\n"
                + "logvol / --vgname=vg --name=root --grow --fstype=xfs\n";
        Path file = Files.writeString(dir.resolve("part.ks"), block);
        RenderedKickstart r = render(Map.of("partitioningFile", file.toString(), "targetDisk", "nvme0n1"));
        assertTrue(r.text().contains(block), r.text());
        assertFalse(r.text().contains("nvme0n1"), "the file replaces the default layout");
        assertEquals(List.of(), r.findings());
        // an unencrypted layout in the file is caught with the line of install.ks
        Files.writeString(file, block.replace(" --encrypted", ""));
        RenderedKickstart bad = render(Map.of("partitioningFile", file.toString()));
        assertFalse(bad.ok());
        Finding f = bad.findings().get(0);
        assertEquals("strategy.root-not-encrypted", f.code());
        int line = bad.text().lines().toList().indexOf("logvol / --vgname=vg --name=root --grow --fstype=xfs") + 1;
        assertEquals("install.ks:" + line, f.location());
    }
}
