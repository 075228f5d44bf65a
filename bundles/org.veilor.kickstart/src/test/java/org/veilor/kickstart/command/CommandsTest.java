package org.veilor.kickstart.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.internal.TestServices;
import org.veilor.testsupport.FedoraShapedIso;

/** The commands by {@code new}, their fields set as the shell would, output captured. */
class CommandsTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void capture() {
        original = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(original);
    }

    String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateReportsEveryFindingWithItsLineAndFails(@TempDir Path dir) throws Exception {
        Path ks = Files.writeString(dir.resolve("bad.ks"), "text\nclearpart --all\npart / --grow\n"
                + "ostreecontainer --url=ghcr.io/x/y:1 --noSignatureVerification\n%packages\n@core\n%end\n");
        ValidateCommand c = new ValidateCommand();
        c.file = ks.toString();
        c.gates = new TestServices.Gates(ReleaseStage.V0_7, false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::execute);
        assertEquals("bad.ks does not validate: 4 error(s)", e.getMessage());
        String out = output();
        for (String where : new String[] { ks + ":2", ks + ":3", ks + ":4", ks + ":5" }) {
            assertTrue(out.contains(where), where + " in\n" + out);
        }
        assertTrue(out.contains("--no-signature-verification"), out);
    }

    @Test
    void validateFollowsIncludesAndTakesAStage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("part.ks"), "ignoredisk --only-use=sda\npart / --grow --encrypted\n");
        Path ks = Files.writeString(dir.resolve("main.ks"), "%include part.ks\n"
                + "bootc --source-imgref=registry:ghcr.io/veilor/veilor-os:43\n");
        ValidateCommand c = new ValidateCommand();
        c.file = ks.toString();
        c.release = "v1.0";
        c.execute();
        assertTrue(output().contains("main.ks: 0 error(s), 0 warning(s)"), output());
        c.release = "v0.8";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().contains("1 error(s)"));
        assertTrue(output().contains("strategy.bootc-before-v1"), output());
        c.f43Only = true;
        c.execute();
    }

    @Test
    void renderWritesTheFileOrRefusesAnInvalidOne(@TempDir Path dir) throws Exception {
        RenderCommand r = new RenderCommand();
        r.kickstart = TestServices.kickstart(Map.of("targetDisk", "sda"), ReleaseStage.V0_7);
        r.out = dir.resolve("install.ks").toString();
        r.execute();
        assertTrue(Files.readString(dir.resolve("install.ks")).contains("ignoredisk --only-use=sda"));
        Path part = Files.writeString(dir.resolve("p.ks"), "part / --grow\n");
        r.kickstart = TestServices.kickstart(Map.of("partitioningFile", part.toString()), ReleaseStage.V0_7);
        r.out = dir.resolve("bad.ks").toString();
        assertThrows(IllegalStateException.class, r::execute);
        assertFalse(Files.exists(dir.resolve("bad.ks")));
        r.kickstart = null;
        assertTrue(assertThrows(IllegalStateException.class, r::execute).getMessage().contains("not active"));
    }

    IsoCommand iso(Path dir, TestServices.Gates gates) throws Exception {
        IsoCommand c = new IsoCommand();
        c.host = new LocalHost(dir.resolve("host-root"), java.util.List.of(Path.of("/usr/bin"), Path.of("/bin"),
                Path.of("/usr/sbin")));
        c.gates = gates;
        c.kickstart = TestServices.kickstart(Map.of("targetDisk", "sda"), gates.stage());
        c.out = dir.resolve("veilor-bootstrap.iso").toString();
        return c;
    }

    @Test
    void isoBuildsWithProgressAndRefusesAPublicIsoWhileTheBlockerIsOpen(@TempDir Path dir) throws Exception {
        Path base = FedoraShapedIso.build(Files.createDirectories(dir.resolve("base")), true);
        IsoCommand blocked = iso(dir, new TestServices.Gates(ReleaseStage.V0_8, true, false));
        blocked.base = base.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, blocked::execute);
        assertTrue(e.getMessage().startsWith("no public ISO while the external guest-ACL blocker is open"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("veilor-bootstrap.iso")));

        IsoCommand ok = iso(dir, new TestServices.Gates(ReleaseStage.V0_8, false, false));
        ok.base = base.toString();
        ok.execute();
        String out = output();
        assertTrue(out.contains("[1/5] reading the boot records") && out.contains("[5/5] checking"), out);
        assertTrue(out.contains("EFI partition 2:/EFI/BOOT/grub.cfg: 4 boot entries load install.ks"), out);
        assertTrue(Files.exists(dir.resolve("veilor-bootstrap.iso")));
    }

    @Test
    void isoRefusesAKickstartThatDoesNotValidateAndABadLabel(@TempDir Path dir) throws Exception {
        Path ks = Files.writeString(dir.resolve("bad.ks"), "ostreecontainer --url=x\n%packages\n%end\n");
        IsoCommand c = iso(dir, new TestServices.Gates(ReleaseStage.V0_7, false, false));
        c.base = dir.resolve("missing.iso").toString();
        c.kickstartFile = ks.toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::execute);
        assertTrue(e.getMessage().contains("the kickstart does not validate"), e.getMessage());
        assertTrue(e.getMessage().contains(ks + ":2"), e.getMessage());
        c.kickstartFile = null;
        c.label = "has space";
        assertTrue(assertThrows(IllegalArgumentException.class, c::execute).getMessage().contains("is not a volume id"));
    }
}
