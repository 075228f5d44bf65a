package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;

/** What seeding adds to the image: the hardened unit (checked by systemd-analyze), its user, the seed port. */
class SeedContributionTest {

    private final ImageContribution c = new SeedContribution().contribution();

    private OsFile file(String path) {
        return c.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void theUnitRunsTheSeedProfileUnprivilegedAndHardened() {
        OsFile unit = file(SeedContribution.UNIT_PATH);
        assertEquals(FileAttrs.PUBLIC, unit.attrs());
        String u = unit.text();
        for (String line : new String[] { "User=_veilor-seed\n", "ExecStartPre=/usr/lib/veilor/bin/veilor --profile seed --base "
                + "/var/lib/veilor/seed init\n", "ProtectSystem=strict\n", "NoNewPrivileges=yes\n",
                "ReadWritePaths=/var/lib/veilor/seed\n", "CapabilityBoundingSet=\n", "ProtectHome=yes\n" }) {
            assertTrue(u.contains(line), "the unit has " + line.strip());
        }
        assertTrue(file(SeedContribution.SYSUSERS_PATH).text().contains("u _veilor-seed - \"Veilor seeder\" /var/lib/veilor/seed"));
    }

    @Test
    void theSeedPortOpensOnTheTailnetOnly() {
        assertTrue(c.firewall().contains(FirewallEntry.port("veilor-tailnet", "7867/tcp")));
        assertTrue(c.firewall().contains(FirewallEntry.iface("veilor-tailnet", "tailscale0")));
        assertTrue(c.firewall().stream().noneMatch(e -> e.kind() == FirewallEntry.Kind.PORT && !e.zone().equals("veilor-tailnet")));
        // no release gates known: the unit is shipped disabled
        assertTrue(c.units().contains(org.veilor.core.contrib.UnitState.disabled(SeedContribution.UNIT)), c.units().toString());
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify(@TempDir Path tmp) throws Exception {
        // The unit names programs and files of the image; systemd-analyze checks that executables
        // exist, so they are pointed at stand-ins here (the only host-specific part).
        Path bin = Files.createDirectories(tmp.resolve("usr/lib/veilor/bin")).resolve("veilor");
        Files.writeString(bin, "#!/bin/sh\nexit 0\n");
        bin.toFile().setExecutable(true);
        Path env = tmp.resolve("veilor.env");
        Files.writeString(env, "JAVA_HOME=/usr/lib/jvm/jre\n");
        Path unit = tmp.resolve(SeedContribution.UNIT);
        Files.writeString(unit, file(SeedContribution.UNIT_PATH).text().replace("/usr/lib/veilor/bin/veilor", bin.toString())
                .replace("/usr/lib/veilor/veilor.env", env.toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no warning either (an unknown key is only a warning)");
    }
}
