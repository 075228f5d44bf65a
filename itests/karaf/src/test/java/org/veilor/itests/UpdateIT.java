package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeSystemctl;
import org.veilor.testsupport.FakeSystemdRun;
import org.veilor.testsupport.Poll;
import org.veilor.testsupport.bootc.BootcHostJson;
import org.veilor.testsupport.bootc.FakeBootc;
import org.veilor.testsupport.bootc.FakeBootc.Step;

/**
 * Updates on the distribution: {@code veilor-update} installed at runtime and configured, a fake
 * bootc (behind a pass-through systemd-run, as the agent runs bootc on a node) answering a staged
 * update, {@code update:status --json}, check and apply; then a simulated reboot into the new
 * deployment with veilor.service failed: exactly one {@code bootc rollback}, also after the agent
 * restarts. bootc and systemd cannot run here (FakeBootc, FakeSystemctl play them); the node's
 * signature files are the ones the image's signing module writes, in a sandbox host root.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpdateIT extends VeilorTestSupport {

    private static final String PID = "org.veilor.update";
    private static final String IMAGE = "ghcr.io/veilor/veilor-os:43";
    private static final BootcHostJson.Entry OLD = BootcHostJson.Entry.of(IMAGE, "0f", "43.20251229.0");
    private static final BootcHostJson.Entry GOOD = BootcHostJson.Entry.of(IMAGE, "1a", "43.20260105.0");
    private static final BootcHostJson.Entry NEW = BootcHostJson.Entry.of(IMAGE, "2b", "43.20260112.0");

    @Override
    protected Option[] extraOptions() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("veilor.itest.dir", "target/itest-work"), "update"));
            FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
            FakeBootc.install(fakes, dir.resolve("bootc"));
            FakeSystemctl.install(fakes, dir.resolve("systemd"));
            FakeSystemdRun.install(fakes);
            Path host = dir.resolve("host");
            String key = publicKeyPem();
            write(host, "/usr/share/veilor/cosign.pub", key);
            write(host, "/etc/pki/containers/veilor-os.pub", key);
            // What the BlueBuild signing module writes for ghcr.io/veilor + veilor-os.
            write(host, "/etc/containers/policy.json", "{\"default\":[{\"type\":\"reject\"}],\"transports\":{\"docker\":{"
                    + "\"ghcr.io/veilor/veilor-os\":[{\"type\":\"sigstoreSigned\",\"keyPath\":\"/etc/pki/containers/veilor-os.pub\","
                    + "\"signedIdentity\":{\"type\":\"matchRepository\"}}],\"\":[{\"type\":\"insecureAcceptAnything\"}]}}}");
            write(host, "/etc/containers/registries.d/veilor-veilor-os.yaml",
                    "docker:\n  ghcr.io/veilor/veilor-os:\n    use-sigstore-attachments: true\n");
            return new Option[] {
                // Not the node's real root and PATH: a sandbox, with the fakes first.
                editConfigurationFilePut("etc/org.veilor.core.cfg", "hostRoot", host.toString()),
                editConfigurationFilePut("etc/org.veilor.core.cfg", "executablePath", fakes.dir() + ":/usr/bin:/bin"),
                systemProperty("veilor.itest.updateDir").value(dir.toString()) };
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the fakes", e);
        }
    }

    private static Path dir() {
        return Path.of(System.getProperty("veilor.itest.updateDir"));
    }

    private static FakeBootc bootc() {
        return FakeBootc.at(dir().resolve("bootc"));
    }

    private static FakeExecutables fakes() throws Exception {
        return new FakeExecutables(dir().resolve("bin"));
    }

    private static long bootcCalls(List<String> argv) throws Exception {
        return fakes().calls("bootc").stream().filter(argv::equals).count();
    }

    /** Each test starts from a node on the good image, with nothing remembered and everything healthy. */
    @Before
    public void node() throws Exception {
        if (!installed("veilor-update")) {
            installFeature("veilor-update");
        }
        Files.deleteIfExists(dir().resolve("host/var/lib/veilor/update/state.json"));
        // Calls are counted per test (the log would keep those of earlier tests and runs).
        Files.deleteIfExists(fakes().log());
        FakeSystemctl.install(fakes(), dir().resolve("systemd")).active("veilor.service", "active");
        bootc().lock(false, false).status(BootcHostJson.host(GOOD, null, OLD, null))
                .after(Step.CHECK, BootcHostJson.host(GOOD, null, OLD, NEW))
                .after(Step.UPGRADE, BootcHostJson.host(GOOD, NEW, OLD, NEW))
                .after(Step.ROLLBACK, null);
        setConfig(PID, Map.of("image", IMAGE, "healthWindowSeconds", 3, "checkIntervalMinutes", 0, "commandTimeoutSeconds", 5,
                "lockRetrySeconds", 1));
        restartAgent();
    }

    private void restartAgent() throws Exception {
        Bundle b = Poll.until(TIMEOUT, "bundle org.veilor.update", () -> java.util.Arrays.stream(bundleContext.getBundles())
                .filter(x -> "org.veilor.update".equals(x.getSymbolicName())).findFirst().orElse(null));
        b.stop();
        b.start();
        // The agent's first step after a start: it reads bootc and judges the booted deployment.
        Poll.assertEventually(TIMEOUT, () -> assertTrue(updateLine().contains("(watch at ")));
    }

    private String updateLine() throws Exception {
        for (JsonNode s : executeJson("veilor:status --json").get("summaries")) {
            if (s.get("label").asText().equals("update")) {
                return s.get("line").asText();
            }
        }
        return "";
    }

    private static JsonNode finding(JsonNode report, String code) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("code").asText().equals(code)) {
                return f;
            }
        }
        return null;
    }

    @Test
    public void statusCheckApplyThenAnUnhealthyBootIsRolledBackOnce() throws Exception {
        JsonNode status = executeJson("update:status --json");
        assertTrue(status.get("done").asBoolean());
        assertEquals(IMAGE, status.get("configuredImage").asText());
        assertEquals("43.20260105.0", status.at("/booted/version").asText());
        assertEquals(GOOD.digest(), status.at("/booted/digest").asText());
        assertEquals("verified", status.at("/booted/signature/state").asText());
        assertEquals(0, status.at("/booted/deploySerial").asInt());
        assertEquals("43.20251229.0", status.at("/rollback/version").asText());
        assertTrue(status.get("staged").isNull());
        assertEquals(0, status.get("findings").size());
        assertEquals(List.of("--wait", "--pipe", "--quiet", "--collect", "--service-type=exec", "--property=RuntimeMaxSec=5",
                "--", "bootc", "status", "--format=json"), fakes().calls("systemd-run").get(0));

        JsonNode check = executeJson("update:check --json");
        assertEquals(NEW.digest(), check.at("/available/digest").asText());
        assertFalse(check.at("/available/staged").asBoolean());

        JsonNode apply = executeJson("update:apply --json");
        assertTrue(apply.toString(), apply.get("done").asBoolean());
        assertEquals("43.20260112.0", apply.at("/staged/version").asText());
        assertEquals("verified", apply.at("/staged/signature/state").asText());
        assertEquals(1, bootcCalls(List.of("upgrade")));
        assertEquals(0, bootcCalls(List.of("upgrade", "--apply")));
        assertFalse("no reboot without --reboot", bootc().rebooted());
        assertTrue(executeJson("update:status --json").at("/available/staged").asBoolean());
        assertTrue(updateLine(), updateLine().startsWith("booted 43.20260105.0, signature verified; staged 43.20260112.0"));

        // The reboot into the new deployment; this time veilor.service does not come up healthy.
        FakeSystemctl.install(fakes(), dir().resolve("systemd")).active("veilor.service", "failed");
        bootc().status(BootcHostJson.host(NEW, null, GOOD, null)).after(Step.ROLLBACK,
                BootcHostJson.host(NEW, null, GOOD, null).replace("\"rollbackQueued\" : false", "\"rollbackQueued\" : true"));
        restartAgent();
        Poll.assertEventually(TIMEOUT, () -> assertEquals(1, bootcCalls(List.of("rollback"))));
        JsonNode after = executeJson("update:status --json");
        assertEquals(NEW.digest(), after.at("/booted/digest").asText());
        assertTrue(after.get("rollbackQueued").asBoolean());
        JsonNode why = finding(after, "update.marked-bad");
        assertNotNull(after.toString(), why);
        assertEquals("ERROR", why.get("severity").asText());
        assertTrue(why.get("message").asText(), why.get("message").asText().contains("not healthy within 3 s of booting it:"
                + " veilor.service is failed); rollback: done; the previous deployment boots at the next reboot"));

        // The agent starts again on the bad deployment (the machine was not rebooted yet): no second rollback.
        restartAgent();
        restartAgent();
        assertEquals(1, bootcCalls(List.of("rollback")));
        assertTrue(updateLine(), updateLine().contains("rollback queued for the next boot"));
    }

    @Test
    public void aHeldLockIsRetriedAndAnotherImageIsRefused() throws Exception {
        long upgrades = bootcCalls(List.of("upgrade"));
        bootc().lock(true, false);
        VeilorTestSupport.CommandFailed locked = null;
        try {
            execute("update:apply --json");
        } catch (VeilorTestSupport.CommandFailed e) {
            locked = e;
        }
        assertNotNull("apply fails while the lock is held", locked);
        assertTrue(locked.output(), locked.output().contains("\"code\" : \"update.bootc-locked\""));
        assertTrue(locked.output(), locked.output().contains("printed \\\"Waiting for sysroot lock...\\\""));
        assertTrue(locked.output(), locked.output().contains("the agent stages the update again in 1 s"));
        bootc().lock(false, false);
        Poll.assertEventually(TIMEOUT, () -> assertEquals(upgrades + 1, bootcCalls(List.of("upgrade"))));
        Poll.assertEventually(TIMEOUT, () -> assertEquals("43.20260112.0",
                executeJson("update:status --json").at("/staged/version").asText()));

        // An invalid change is refused; the agent keeps its last valid settings, visibly.
        putConfig(PID, Map.of("healthWindowSeconds", 0));
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode c = CoreIT.component(executeJson("veilor:status --json"), PID);
            assertEquals("active", c.get("state").asText());
            assertEquals("running on previous configuration: org.veilor.update: healthWindowSeconds = '0' is invalid: must be"
                    + " between 1 and 86400", c.get("detail").asText());
        });
        assertTrue(executeJson("update:status --json").get("done").asBoolean());

        putConfig(PID, Map.of("healthWindowSeconds", 3, "image", "ghcr.io/someone-else/os:43"));
        Poll.assertEventually(TIMEOUT, () -> {
            try {
                execute("update:check");
                throw new AssertionError("update:check ran against another image");
            } catch (VeilorTestSupport.CommandFailed e) {
                assertTrue(e.getMessage(), e.getMessage().contains("updating would switch images; use bootc switch by hand"));
            }
        });
        assertEquals(upgrades + 1, bootcCalls(List.of("upgrade")));
        String text = execute("veilor:status");
        assertTrue(text, text.contains("\nupdate    "));
    }

    private static void write(Path root, String hostPath, String content) throws Exception {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static String publicKeyPem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(g.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }
}
