package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.contrib.FirewallEntry;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.core.contrib.PackageSource;
import org.veilor.core.contrib.UnitState;

/**
 * The image contribution: rnsd installed disabled (never enabled: rule 7), the recipe script and
 * justfile checked by the real shellcheck and just, the unit by systemd-analyze, and AutoInterface's
 * ports in a zone of their own that binds nothing.
 */
class ReticulumContributionTest {

    private final ImageContribution c = new ReticulumContribution().contribution();

    @TempDir
    Path dir;

    @Test
    void rnsdIsInstalledDisabledAndNothingEnablesIt() {
        assertEquals(List.of(UnitState.disabled("rnsd.service")), c.units());
        assertTrue(c.scripts().isEmpty(), "no build script (which could enable or start it)");
        for (OsFile f : c.files()) {
            assertFalse(f.text().matches("(?s).*systemctl\\s+(--[a-z-]+\\s+)*(enable|start)\\s.*"), f.path() + " enables or starts a unit");
        }
        String just = c.justfiles().get(0).content();
        assertFalse(just.contains("systemctl"), "the recipes start nothing");
    }

    @Test
    void reticulumComesOnlyFromTheForkTheNodeProfileNames() {
        List<String> packages = c.packages().stream().flatMap(p -> p.install().stream()).toList();
        assertEquals(List.of("git-core"), packages);
        assertTrue(c.packages().stream().allMatch(p -> p.source().equals(PackageSource.FEDORA)));
        String script = file(ReticulumContribution.SCRIPT).text();
        // The image lint's upstream-RNS patterns must find nothing in what the image carries.
        for (OsFile f : c.files()) {
            String text = f.text().toLowerCase(Locale.ROOT);
            assertFalse(text.contains("markqvist") || text.contains("pypi.org") || text.matches("(?s).*pipx?3?\\s+install\\s+([^\\n]*\\s)?['\"]?rns\\b(?![-.\\w]).*"),
                    f.path());
        }
        assertTrue(script.contains("\"$dir/bin/python3\" -m pip install --disable-pip-version-check --no-input \"git+$repo@$version\""));
    }

    @Test
    void autoInterfacePortsLiveInAZoneOfTheirOwnThatBindsNothing() {
        List<FirewallEntry> fw = c.firewall();
        assertTrue(fw.stream().allMatch(e -> e.zone().equals("veilor-reticulum")), fw.toString());
        Set<String> ports = fw.stream().filter(e -> e.kind() == FirewallEntry.Kind.PORT).map(FirewallEntry::value).collect(Collectors.toSet());
        assertEquals(Set.of("29716/udp", "42671/udp"), ports);
        assertTrue(fw.stream().noneMatch(e -> e.kind() == FirewallEntry.Kind.INTERFACE || e.kind() == FirewallEntry.Kind.SOURCE
                || e.kind() == FirewallEntry.Kind.TARGET), "bound only at runtime while rnsd runs");
    }

    @Test
    void filesHaveTheirModes() {
        assertEquals(FileAttrs.EXECUTABLE, file(ReticulumContribution.SCRIPT).attrs());
        assertTrue(file(ReticulumContribution.SCRIPT).text().startsWith("#!/usr/bin/bash\n"));
        assertEquals(FileAttrs.PUBLIC, file(ReticulumContribution.UNIT_PATH).attrs());
        assertEquals("u _veilor-rns - \"Veilor Reticulum daemon (rnsd)\" /var/lib/reticulum /usr/sbin/nologin",
                file(ReticulumContribution.SYSUSERS_PATH).text().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        String unit = file(ReticulumContribution.UNIT_PATH).text();
        assertTrue(unit.contains("\nExecStart=/var/lib/retinet/current/bin/python3 /var/lib/retinet/current/bin/rnsd --config /var/lib/reticulum\n"));
        assertTrue(unit.contains("\nUser=_veilor-rns\n") && unit.contains("\nSupplementaryGroups=veilor-rnode\n"));
        assertTrue(unit.contains("\nStateDirectory=reticulum\n"));
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The one host-specific part: RetiNet's interpreter, which exists only once it is installed.
        Path unit = dir.resolve("rnsd.service");
        Files.writeString(unit, file(ReticulumContribution.UNIT_PATH).text().replace("/var/lib/retinet/current/bin/python3",
                python.toString()));
        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "no warning either (an unknown key is only a warning)");
    }

    @Test
    void theScriptAndTheRecipeBodiesPassShellcheck() throws Exception {
        Path script = dir.resolve("veilor-reticulum");
        Files.writeString(script, file(ReticulumContribution.SCRIPT).text());
        shellcheck(script);
        String just = c.justfiles().get(0).content();
        int n = 0;
        for (int start = just.indexOf("    #!/usr/bin/bash"); start >= 0; start = just.indexOf("    #!/usr/bin/bash", start + 1)) {
            StringBuilder sb = new StringBuilder();
            for (String line : just.substring(start).split("\n")) {
                if (!line.startsWith("    ") && !line.isEmpty()) {
                    break; // the next recipe's comment or header
                }
                sb.append(line.length() >= 4 ? line.substring(4) : line).append('\n');
            }
            Path f = dir.resolve("recipe" + n++ + ".sh");
            Files.writeString(f, sb.toString());
            shellcheck(f);
        }
        assertEquals(2, n);
    }

    @Test
    void theJustfileParsesAndIsFormattedAsJustWritesIt() throws Exception {
        Path f = dir.resolve("veilor-reticulum.just");
        Files.writeString(f, c.justfiles().get(0).content());
        ProcessResult summary = run("just", "--justfile", f.toString(), "--summary");
        assertTrue(summary.ok(), summary.stderr());
        assertEquals("install-reticulum install-reticulum-rnode", summary.stdout().strip());
        ProcessResult fmt = run("just", "--justfile", f.toString(), "--fmt", "--check");
        assertTrue(fmt.ok(), "just --fmt --check: " + fmt.stdout() + fmt.stderr());
    }

    private void shellcheck(Path script) throws Exception {
        ProcessResult r = run("shellcheck", "--shell=bash", "--severity=style", script.toString());
        assertTrue(r.ok(), "shellcheck " + script.getFileName() + ":\n" + r.stdout() + r.stderr());
    }

    private ProcessResult run(String... argv) throws Exception {
        LocalHost host = new LocalHost(dir.resolve("host"), List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")));
        return host.run(ProcessSpec.of(argv).workingDir(dir.toString()).timeout(Duration.ofSeconds(60)).build());
    }

    private OsFile file(String path) {
        return c.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow();
    }
}
