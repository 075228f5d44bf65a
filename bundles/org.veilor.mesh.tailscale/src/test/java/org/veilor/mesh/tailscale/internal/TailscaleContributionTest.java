package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSet;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

class TailscaleContributionTest {

    private final ImageContribution c = new TailscaleContribution().contribution();

    @Test
    void tailscaleFromFedoraWithTailscaledDisabledAtInstall() {
        PackageSet fedora = c.packages().stream().filter(p -> p.source().equals(PackageSource.FEDORA)).findFirst().orElseThrow();
        assertTrue(fedora.install().contains("tailscale"));
        assertTrue(fedora.install().contains("fswebcam"), "the camera grabber for the QR join");
        assertTrue(c.units().contains(UnitState.disabled("tailscaled.service")), "rule 5: tailscaled disabled at install");
        assertTrue(c.units().contains(UnitState.enabled("veilor-join-firstboot.service")));
    }

    @Test
    void firewallBindsTailscale0AndOpensSshOnlyThere() {
        List<FirewallEntry> fw = c.firewall();
        assertTrue(fw.contains(FirewallEntry.iface("veilor-tailnet", "tailscale0")));
        assertTrue(fw.contains(FirewallEntry.port("public", "41641/udp")));
        // 8101/tcp appears only in the zone whose only interface is tailscale0 (loopback is always accepted).
        List<String> sshZones = fw.stream().filter(e -> e.kind() == FirewallEntry.Kind.PORT && e.value().equals("8101/tcp"))
                .map(FirewallEntry::zone).toList();
        assertEquals(List.of("veilor-tailnet"), sshZones);
        Set<String> ifaces = fw.stream().filter(e -> e.zone().equals("veilor-tailnet") && e.kind() == FirewallEntry.Kind.INTERFACE)
                .map(FirewallEntry::value).collect(Collectors.toSet());
        assertEquals(Set.of("tailscale0"), ifaces);
        assertTrue(fw.stream().noneMatch(e -> e.kind() == FirewallEntry.Kind.SOURCE), "no source binds more to the zone");
    }

    @Test
    void theFirstBootFilesAreInPlaceWithTheirModes() {
        OsFile script = file(TailscaleContribution.SCRIPT);
        assertEquals(FileAttrs.EXECUTABLE, script.attrs());
        assertTrue(script.text().startsWith("#!/usr/bin/bash\n"));
        OsFile unit = file(TailscaleContribution.UNIT_PATH);
        assertEquals(FileAttrs.PUBLIC, unit.attrs());
        assertTrue(unit.text().contains("ExecStart=/usr/libexec/veilor/veilor-join --firstboot\n"));
        assertTrue(unit.text().contains("ConditionPathExists=!/var/lib/veilor/join/done\n"));
        assertTrue(c.justfiles().get(0).content().contains("exec run0 /usr/libexec/veilor/veilor-join\n"));
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify(@TempDir Path tmp) throws Exception {
        Path script = tmp.resolve("veilor-join");
        Files.writeString(script, file(TailscaleContribution.SCRIPT).text());
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The one host-specific part: the script's path, which does not exist outside the image.
        Path unit = tmp.resolve(TailscaleContribution.UNIT);
        Files.writeString(unit, file(TailscaleContribution.UNIT_PATH).text().replace(TailscaleContribution.SCRIPT, script.toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no warning either (an unknown key is only a warning)");
    }

    private OsFile file(String path) {
        return c.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
