package org.veilor.kickstart.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.ReleaseStage;
import org.veilor.kickstart.KickstartParser;
import org.veilor.kickstart.KsSection;
import org.veilor.testsupport.FakeExecutables;

/**
 * Runs the %pre registry check of the rendered install.ks with real bash. curl is a fake (the
 * registry cannot be reached from here) that behaves as curl does: with --write-out it prints the
 * HTTP code, "000" and exit 7 when it cannot connect. sleep is a fake too, so the backoff is
 * recorded instead of waited for.
 */
class RegistryCheckScriptTest {

    private ProcessResult run(Path dir, String codes, FakeExecutables fakes) throws Exception {
        String ks = InstallKsWriter.write(TestConfigs.settings(Map.of()), null, ReleaseStage.V0_7, "test");
        KsSection pre = KickstartParser.parse(ks, "install.ks").sections("%pre").get(0);
        Path script = Files.writeString(dir.resolve("pre.sh"), String.join("\n", pre.body()) + "\n");
        Files.writeString(dir.resolve("codes"), codes);
        fakes.script("curl", "n=$(cat '" + dir + "/count' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '" + dir + "/count'\n"
                + "code=$(sed -n \"${n}p\" '" + dir + "/codes'); [ -z \"$code\" ] && code=000\n"
                + "printf '%s' \"$code\"; [ \"$code\" = 000 ] && exit 7; exit 0");
        fakes.script("sleep", "exit 0");
        LocalHost host = new LocalHost(dir.resolve("root"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));
        return host.run(ProcessSpec.of("bash", script.toString()).build());
    }

    @Test
    void retriesWithDoublingDelaysUntilTheRegistryAnswers(@TempDir Path dir) throws Exception {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
        ProcessResult r = run(dir, "000\n503\n401\n", fakes);
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        assertTrue(r.stdout().contains("registry ghcr.io reachable (HTTP 401, attempt 3 of 5)"), r.stdout());
        assertEquals(List.of(List.of("5"), List.of("10")), fakes.calls("sleep"));
        List<String> curl = fakes.calls("curl").get(0);
        assertEquals("https://ghcr.io/v2/", curl.get(curl.size() - 1));
        assertTrue(curl.contains("--connect-timeout"));
    }

    @Test
    void stopsTheInstallWithAClearMessageWhenTheRegistryStaysAway(@TempDir Path dir) throws Exception {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
        ProcessResult r = run(dir, "", fakes);
        assertEquals(1, r.exitCode());
        assertTrue(r.stderr().contains("cannot reach the image registry ghcr.io after 5 attempts; the install stops here."),
                r.stderr());
        assertTrue(r.stderr().contains("no disk was changed"), r.stderr());
        assertEquals(List.of(List.of("5"), List.of("10"), List.of("20"), List.of("40")), fakes.calls("sleep"));
        assertEquals(5, fakes.calls("curl").size());
    }
}
