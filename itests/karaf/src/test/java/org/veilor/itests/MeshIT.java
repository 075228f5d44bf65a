package org.veilor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.veilor.core.qr.QrCodes;
import org.veilor.testsupport.FakeExecutables;
import org.veilor.testsupport.FakeTailscale;
import org.veilor.testsupport.Poll;

/**
 * The mesh on the node profile: the profile installs veilor-mesh, the L3a layer reads the node
 * profile's login server, and mesh:status lists L3a and the three floors with reasons. tailscaled
 * and systemd cannot run here, so fake tailscale and systemctl executables (FakeTailscale) stand
 * first on the agent's search path; mesh:join then runs against them by key file and by QR.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MeshIT extends VeilorTestSupport {

    private static final Path NODE = Path.of("../../config/node/etc");
    private static final Path FIXTURES = Path.of(
            "../../bundles/org.veilor.mesh.tailscale/src/test/resources/org/veilor/mesh/tailscale/internal");

    @Override
    protected Path bootProfile() {
        return NODE.resolve("org.veilor.core.profile.cfg");
    }

    @Override
    protected Option[] extraOptions() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("veilor.itest.dir", "target/itest-work"), "mesh"));
            FakeExecutables fakes = new FakeExecutables(dir.resolve("bin"));
            Path state = dir.resolve("state");
            FakeTailscale.install(fakes, state, true);
            Files.copy(FIXTURES.resolve("status-running.json"), state.resolve("status.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(FIXTURES.resolve("status-running.json"), state.resolve("after-up.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return new Option[] {
                // The node profile's own files: its feature list and its L3a settings.
                replaceConfigurationFile("etc/org.veilor.mesh.tailscale.cfg",
                        NODE.resolve("org.veilor.mesh.tailscale.cfg").toFile()),
                // Not the node's real root and PATH: a sandbox, with the fakes first.
                editConfigurationFilePut("etc/org.veilor.core.cfg", "executablePath", fakes.dir() + ":/usr/bin:/bin"),
                systemProperty("veilor.itest.meshDir").value(dir.toString()) };
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the fake tailscale", e);
        }
    }

    private Path dir() {
        return Path.of(System.getProperty("veilor.itest.meshDir"));
    }

    private FakeExecutables fakes() throws Exception {
        return new FakeExecutables(dir().resolve("bin"));
    }

    private static JsonNode layer(JsonNode status, String id) {
        for (JsonNode l : status.get("layers")) {
            if (l.get("id").asText().equals(id)) {
                return l;
            }
        }
        return null;
    }

    @Test
    public void meshStatusOnTheNodeProfileListsL3aAndTheThreeFloorsWithReasons() throws Exception {
        Poll.assertEventually(TIMEOUT, () -> {
            JsonNode ts = layer(executeJson("mesh:status --json"), "tailscale");
            assertTrue("L3a appears", ts != null);
            assertEquals("active", ts.get("state").asText());
        });
        JsonNode status = executeJson("mesh:status --json");
        assertEquals("v0.7", status.get("stage").asText());
        JsonNode ts = layer(status, "tailscale");
        assertEquals("L3a", ts.get("layer").asText());
        assertTrue(ts.get("detail").asText(), ts.get("detail").asText().startsWith("100.64.0.7 (node1), tailnet veilor"));
        assertEquals(3, status.get("floors").size());
        JsonNode one = status.get("floors").get(0);
        assertEquals("i", one.get("floor").asText());
        assertFalse(one.get("holds").asBoolean());
        assertTrue(one.get("promised").asBoolean());
        assertTrue(one.get("breached").asBoolean());
        assertTrue(one.get("reason").asText(), one.get("reason").asText().startsWith("no L3b (Yggdrasil) layer is installed"));
        assertTrue(status.get("floors").get(2).get("reason").asText().startsWith("no L3c (Reticulum) layer is installed"));
        assertEquals("report only", status.get("failover").get("mode").asText());

        String text = execute("mesh:status");
        assertTrue(text, text.matches("(?s).*L3a Tailscale\\s*\\|\\s*tailscale\\s*\\|\\s*active.*"));
        assertTrue(text, text.contains("NO (promise broken)"));
        for (String floor : List.of("(i)", "(ii)", "(iii)")) {
            assertTrue(text, text.contains(floor));
        }
        String floors = execute("mesh:floors");
        assertTrue(floors, floors.contains("Survives by"));
        assertTrue(floors, floors.contains("ISP blocks the Tailscale protocol"));
    }

    @Test
    public void joinByKeyFileAndByQrAgainstTheFakesNeverShowsTheKey() throws Exception {
        Path state = dir().resolve("state");
        // A node that has not joined: tailscaled disabled and not running.
        Files.deleteIfExists(state.resolve("status.json"));
        Files.writeString(state.resolve("is-enabled"), "disabled");
        Files.writeString(state.resolve("is-active"), "inactive");
        Poll.assertEventually(TIMEOUT, () -> assertEquals("disabled",
                layer(executeJson("mesh:status --refresh --json"), "tailscale").get("state").asText()));

        String key = "hskey-auth-" + random(6) + "-" + random(32);
        Path keyFile = workDir("mesh-join").resolve("paste.key");
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, key);
        String out = execute("mesh:join --key-file " + keyFile);
        assertTrue(out, out.contains("joined the Veilor mesh at https://hs.s8n.ru: 100.64.0.7 (node1)"));
        assertEquals(key, Files.readString(state.resolve("up.key")));
        assertEquals("600", Files.readString(state.resolve("up.mode")).strip());
        List<List<String>> calls = fakes().calls();
        List<String> up = calls.stream().filter(c -> c.size() > 1 && c.get(0).equals("tailscale") && c.get(1).equals("up"))
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(up.toString(), up.contains("--login-server=https://hs.s8n.ru"));
        Poll.assertEventually(TIMEOUT, () -> assertEquals("active",
                layer(executeJson("mesh:status --refresh --json"), "tailscale").get("state").asText()));

        String qrKey = random(24);
        Path png = workDir("mesh-join").resolve("enrolment.png");
        Files.write(png, QrCodes.encodePng(qrKey, 360));
        String qrOut = execute("mesh:join --force --qr " + png);
        assertTrue(qrOut, qrOut.contains("joined the Veilor mesh"));
        assertEquals(qrKey, Files.readString(state.resolve("up.key")));

        // The key as an argument, as an admin may type it: Karaf names the command's thread after
        // the command line, and log lines show thread names.
        String argKey = "hskey-auth-" + random(6) + "-" + random(32);
        String argOut = execute("mesh:join --force " + argKey);
        assertTrue(argOut, argOut.contains("joined the Veilor mesh"));
        assertEquals(argKey, Files.readString(state.resolve("up.key")));

        String log = Files.readString(karafBase().resolve("data/log/karaf.log"));
        assertTrue("the join is logged", log.contains("joining the Veilor mesh at https://hs.s8n.ru with hskey-auth-"));
        for (String secret : List.of(key.substring(30), qrKey, argKey.substring(30))) {
            assertFalse("key in the log", log.contains(secret));
            assertFalse("key in the output", (out + qrOut + argOut).contains(secret));
            for (List<String> call : fakes().calls()) {
                assertFalse("key in argv of " + call.get(0), String.join(" ", call).contains(secret));
            }
        }
    }

    @Test
    public void l3aComesAndGoesWithItsBundle() throws Exception {
        Poll.assertEventually(TIMEOUT, () -> assertTrue(layer(executeJson("mesh:status --json"), "tailscale") != null));
        Bundle tailscale = bundle("org.veilor.mesh.tailscale");
        tailscale.stop();
        try {
            assertEquals("gone at once, without waiting for a probe", null, layer(executeJson("mesh:status --json"), "tailscale"));
        } finally {
            tailscale.start();
        }
        Poll.assertEventually(TIMEOUT, () -> assertTrue(layer(executeJson("mesh:status --json"), "tailscale") != null));
    }

    private Bundle bundle(String symbolicName) throws Exception {
        return Poll.until(TIMEOUT, symbolicName, () -> {
            for (Bundle b : bundleContext.getBundles()) {
                if (symbolicName.equals(b.getSymbolicName())) {
                    return b;
                }
            }
            return null;
        });
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

}
