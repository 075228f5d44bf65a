package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;
import org.veilor.core.Gate;
import org.veilor.core.GateDecision;
import org.veilor.core.LocalHost;
import org.veilor.core.ProcessResult;
import org.veilor.core.ProcessSpec;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.core.contrib.ImageContribution;
import org.veilor.core.contrib.OsFile;
import org.veilor.testsupport.FakeExecutables;

/** veilor-update in the image only from v1.0, and what the script asks the agent (run by bash against fakes). */
class UpdateContributionTest {

    @TempDir
    Path dir;

    private static ReleaseGates at(ReleaseStage stage) {
        return new ReleaseGates() {
            @Override
            public ReleaseStage stage() {
                return stage;
            }

            @Override
            public boolean publicIso() {
                return false;
            }

            @Override
            public boolean guestAclBlockerFixed() {
                return false;
            }

            @Override
            public GateDecision check(Gate gate) {
                return ReleaseGates.evaluate(gate, stage, false);
            }
        };
    }

    @Test
    void theWrapperShipsFromV10Only() {
        for (ReleaseStage s : List.of(ReleaseStage.V0_5, ReleaseStage.V0_7, ReleaseStage.V0_8)) {
            assertTrue(UpdateContribution.contribution(at(s)).files().isEmpty(), s.label());
        }
        assertTrue(UpdateContribution.contribution(null).files().isEmpty(), "no gates: the earliest stage's image");
        ImageContribution c = UpdateContribution.contribution(at(ReleaseStage.V1_0));
        OsFile f = c.files().get(0);
        assertEquals("/usr/bin/veilor-update", f.path());
        assertEquals(FileAttrs.EXECUTABLE, f.attrs());
        assertTrue(c.justfiles().isEmpty(), "ujust update keeps secureblue's own path");
    }

    @Test
    void theScriptAsksTheNodeAgent() throws Exception {
        FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
        fakes.script("veilor", "echo \"agent: $*\"");
        Path uid = dir.resolve("uid");
        Files.writeString(uid, "0");
        fakes.script("id", "cat '" + uid + "'");
        Path script = dir.resolve("veilor-update");
        Files.writeString(script, UpdateContribution.resource("veilor-update.sh"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalHost host = new LocalHost(dir.resolve("root"), List.of(fakes.dir(), Path.of("/usr/bin"), Path.of("/bin")));

        assertEquals("agent: --base /var/lib/veilor/node client update:apply", run(host, script).stdout().strip());
        assertEquals("agent: --base /var/lib/veilor/node client update:apply --reboot",
                run(host, script, "--reboot").stdout().strip());
        for (String verb : List.of("status", "check", "rollback")) {
            assertEquals("agent: --base /var/lib/veilor/node client update:" + verb, run(host, script, verb).stdout().strip());
        }
        ProcessResult bad = run(host, script, "--yes");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("veilor-update: unknown argument '--yes'"), bad.stderr());
        assertTrue(run(host, script, "--help").stdout().contains("veilor-update --reboot"));
        Files.writeString(uid, "1000");
        ProcessResult user = run(host, script);
        assertEquals(2, user.exitCode());
        assertTrue(user.stderr().contains("run it as root"), user.stderr());
        assertEquals(5, fakes.calls("veilor").size(), "nothing reached the agent for refused calls");
    }

    private static ProcessResult run(LocalHost host, Path script, String... args) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return host.run(ProcessSpec.of(argv).env("VEILOR_LAUNCHER", "veilor").timeout(Duration.ofSeconds(20)).build());
    }
}
