package org.veilor.mesh.yggdrasil.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;
import org.veilor.testsupport.YggdrasilDaemons;

class YggdrasilContributionTest {

    private final ImageContribution c = new YggdrasilContribution().contribution();

    @Test
    void yggdrasilGoFromItsUpstreamCoprNeverFedorasYggdrasil() {
        PackageSet copr = c.packages().stream().filter(p -> p.source().kind() == PackageSource.Kind.COPR).findFirst().orElseThrow();
        assertEquals("neilalexander/yggdrasil-go", copr.source().ref());
        assertEquals(List.of("yggdrasil"), copr.install());
        // A COPR source is pinned to its repository in the recipe; Fedora's yggdrasil (an MQTT agent) never comes in.
        assertTrue(c.packages().stream().filter(p -> p.source().equals(PackageSource.FEDORA))
                .noneMatch(p -> p.install().contains("yggdrasil")));
        assertTrue(c.packages().stream().anyMatch(p -> p.source().equals(PackageSource.FEDORA) && p.install().contains("openssl")));
    }

    @Test
    void yggdrasilEnabledWithTheFirstBootKeyAndNoRandomDefaultConfig() {
        assertTrue(c.units().contains(UnitState.enabled("yggdrasil.service")), "rule 6: enabled (idle)");
        assertTrue(c.units().contains(UnitState.enabled("veilor-yggdrasil-key.service")));
        assertTrue(c.units().contains(new UnitState("yggdrasil-default-config.service", UnitState.Scope.SYSTEM, UnitState.State.MASKED)));
    }

    @Test
    void filesAndModes() {
        assertEquals(FileAttrs.EXECUTABLE, file(YggdrasilContribution.SCRIPT).attrs());
        assertEquals(FileAttrs.PUBLIC, file(YggdrasilContribution.KEY_UNIT_PATH).attrs());
        OsFile dropIn = file(YggdrasilContribution.DROP_IN);
        assertTrue(dropIn.text().contains("ExecStart=\nExecStart=yggdrasil -useconffile /etc/yggdrasil/yggdrasil.conf\n"));
        assertTrue(dropIn.text().contains("User=yggdrasil\n"));
        assertTrue(file(YggdrasilContribution.KEY_UNIT_PATH).text().contains("ConditionPathExists=!/etc/yggdrasil/private.pem\n"));
        for (OsFile f : c.files()) {
            assertFalse(f.text().contains("PRIVATE KEY-----"), "no key material in the image: " + f.path());
        }
    }

    @Test
    void ygg0InAZoneOfItsOwnWithNothingOpen() {
        List<FirewallEntry> fw = c.firewall();
        assertEquals(List.of(FirewallEntry.iface("veilor-yggdrasil", "ygg0")), fw);
    }

    @Test
    void theKeyUnitPassesSystemdAnalyzeVerify(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("veilor-yggdrasil-key");
        Files.writeString(script, file(YggdrasilContribution.SCRIPT).text());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = tmp.resolve(YggdrasilContribution.KEY_UNIT);
        Files.writeString(unit, file(YggdrasilContribution.KEY_UNIT_PATH).text().replace(YggdrasilContribution.SCRIPT, script.toString()));
        assertEquals("", verify(unit));
    }

    /**
     * The drop-in over a yggdrasil.service: Debian backports' 0.5.12 unit stands in for the COPR
     * package's (the drop-in replaces its ExecStart and user either way). systemd-analyze loads
     * drop-ins from beside the unit file.
     */
    @Test
    void theDropInPassesSystemdAnalyzeVerify(@TempDir Path tmp) throws Exception {
        Path unit = tmp.resolve("yggdrasil.service");
        Files.copy(YggdrasilDaemons.V05.getParent().getParent().getParent().resolve("lib/systemd/system/yggdrasil.service"), unit);
        Path dropIns = Files.createDirectories(tmp.resolve("yggdrasil.service.d"));
        Files.writeString(dropIns.resolve("50-veilor.conf"), file(YggdrasilContribution.DROP_IN).text() + "BogusKeyToProveItIsRead=1\n");
        assertTrue(verify(unit).contains("Unknown key 'BogusKeyToProveItIsRead'"), "the drop-in is read");
        Files.writeString(dropIns.resolve("50-veilor.conf"), file(YggdrasilContribution.DROP_IN).text());
        assertEquals("", verify(unit));
    }

    @Test
    void theServiceUserIsMadeBySysusers(@TempDir Path tmp) throws Exception {
        Path conf = tmp.resolve("veilor-yggdrasil.conf");
        Files.writeString(conf, file(YggdrasilContribution.SYSUSERS).text());
        Path root = Files.createDirectories(tmp.resolve("root/etc")).getParent();
        run("systemd-sysusers", "--root=" + root, conf.toString());
        assertTrue(Files.readString(root.resolve("etc/passwd")).startsWith("yggdrasil:x:"));
        assertTrue(Files.readString(root.resolve("etc/group")).startsWith("yggdrasil:x:"));
    }

    private static String verify(Path unit) throws Exception {
        return run("systemd-analyze", "verify", unit.toString());
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out.strip();
    }

    private OsFile file(String path) {
        return c.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
