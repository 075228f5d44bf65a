package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseArtifact;
import org.veilor.core.ReleaseStage;
import org.veilor.core.Severity;
import org.veilor.kickstart.KickstartValidator;
import org.veilor.testsupport.FedoraShapedIso;

class ReleaseArtifactsTest {

    static final TestServices.Gates OPEN = new TestServices.Gates(ReleaseStage.V0_7, false, false);

    @Test
    void writesAValidatedInstallKsWithItsHeader(@TempDir Path dir) throws Exception {
        var artifact = new KickstartReleaseArtifact(TestServices.kickstart(Map.of("targetDisk", "sda"), ReleaseStage.V0_7));
        List<String> progress = new ArrayList<>();
        List<Finding> f = artifact.produce(dir, progress::add);
        assertEquals(List.of(), f);
        String ks = Files.readString(dir.resolve("kickstart/install.ks"));
        assertTrue(ks.startsWith("# veilor-os bootstrap kickstart (install.ks)\n# Produced by org.veilor.kickstart (test) for release v0.7"));
        assertEquals(List.of(), KickstartValidator.validate(ks, "install.ks", KickstartValidator.Options.strategy(ReleaseStage.V0_7)));
        assertTrue(progress.get(0).startsWith("[kickstart] wrote kickstart/install.ks"));
    }

    @Test
    void anInvalidKickstartFailsTheReleaseAndIsNotWritten(@TempDir Path dir) throws Exception {
        Path part = Files.writeString(dir.resolve("part.ks"), "zerombr\nclearpart --all\npart / --grow\n");
        var artifact = new KickstartReleaseArtifact(TestServices.kickstart(Map.of("partitioningFile", part.toString()),
                ReleaseStage.V0_7));
        Path release = Files.createDirectories(dir.resolve("release"));
        List<Finding> f = artifact.produce(release, l -> { });
        assertTrue(f.stream().anyMatch(x -> x.code().equals("strategy.root-not-encrypted")), f.toString());
        assertTrue(f.stream().anyMatch(x -> x.code().equals("kickstart.invalid")), f.toString());
        assertFalse(Files.exists(release.resolve("kickstart/install.ks")));
        // and a missing service (invalid configuration) is an error, not a silent gap
        assertEquals("kickstart.not-active", new KickstartReleaseArtifact(null).produce(release, l -> { }).get(0).code());
    }

    @Test
    void withoutABaseIsoAnInfoFindingSaysHowToBuildOne(@TempDir Path dir) throws Exception {
        var iso = new BootstrapIsoReleaseArtifact(IsoBuilderTestHost.host(dir), OPEN,
                TestServices.kickstart(Map.of(), ReleaseStage.V0_7));
        List<Finding> f = iso.produce(dir, l -> { });
        assertEquals(1, f.size());
        assertEquals(Severity.INFO, f.get(0).severity());
        assertTrue(f.get(0).message().contains("kickstart:iso --base"), f.get(0).message());
    }

    @Test
    void aPublicIsoIsRefusedWhileTheGuestAclBlockerIsOpen(@TempDir Path dir) throws Exception {
        var blocked = new TestServices.Gates(ReleaseStage.V0_8, true, false);
        var iso = new BootstrapIsoReleaseArtifact(IsoBuilderTestHost.host(dir), blocked,
                TestServices.kickstart(Map.of(), ReleaseStage.V0_8));
        Finding f = iso.produce(dir, l -> { }).get(0);
        assertTrue(f.isError());
        assertTrue(f.message().startsWith("no public ISO while the external guest-ACL blocker is open"), f.message());
        // fixed blocker: allowed again
        var fixed = new TestServices.Gates(ReleaseStage.V0_8, true, true);
        assertEquals(Severity.INFO, new BootstrapIsoReleaseArtifact(IsoBuilderTestHost.host(dir), fixed,
                TestServices.kickstart(Map.of(), ReleaseStage.V0_8)).produce(dir, l -> { }).get(0).severity());
    }

    @Test
    void buildsTheIsoWhenABaseIsConfigured(@TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(Files.createDirectories(dir.resolve("base")), true);
        Path release = Files.createDirectories(dir.resolve("release"));
        var iso = new BootstrapIsoReleaseArtifact(IsoBuilderTestHost.host(dir), OPEN,
                TestServices.kickstart(Map.of("baseIso", base.toString(), "targetDisk", "sda"), ReleaseStage.V0_7));
        List<String> progress = new ArrayList<>();
        List<Finding> f = iso.produce(release, progress::add);
        assertEquals(List.of("bootstrap-iso.built"), f.stream().map(Finding::code).toList(), f.toString());
        Path out = release.resolve("bootstrap-iso/veilor-bootstrap.iso");
        String sum = Files.readString(release.resolve("bootstrap-iso/veilor-bootstrap.iso.sha256"));
        assertEquals(HexFormat.of().formatHex(IsoBuilderTest.sha256(out)) + "  veilor-bootstrap.iso\n", sum);
        assertTrue(progress.stream().anyMatch(l -> l.startsWith("[bootstrap-iso] [4/5] writing")), progress.toString());
    }

    @Test
    void aKickstartThatDoesNotValidateBuildsNoIso(@TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(Files.createDirectories(dir.resolve("base")), false);
        Path part = Files.writeString(dir.resolve("part.ks"), "part / --grow\n");
        Path release = Files.createDirectories(dir.resolve("release"));
        var iso = new BootstrapIsoReleaseArtifact(IsoBuilderTestHost.host(dir), OPEN, TestServices.kickstart(
                Map.of("baseIso", base.toString(), "partitioningFile", part.toString()), ReleaseStage.V0_7));
        Finding f = iso.produce(release, l -> { }).get(0);
        assertEquals("bootstrap-iso.refused", f.code());
        assertTrue(f.message().contains("the kickstart does not validate") && f.message().contains("install.ks:"),
                f.message());
        assertFalse(Files.exists(release.resolve("bootstrap-iso/veilor-bootstrap.iso")));
    }

    /** Keeps the ISO artefact's release step visible as a ReleaseArtifact. */
    @Test
    void namesAreTheReleaseSubfolders() {
        ReleaseArtifact a = new KickstartReleaseArtifact(null);
        assertEquals("kickstart", a.name());
    }
}
