package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.FileAttrs;

/** The join against fake tailscale and systemctl executables (see {@link FakeNode}). */
class JoinerTest {

    @TempDir
    Path tmp;

    /** Every line the tests log goes to this file (surefire sets slf4j-simple's logFile). */
    static String testLog() throws IOException {
        String file = System.getProperty("org.slf4j.simpleLogger.logFile");
        return file == null || !Files.exists(Path.of(file)) ? "" : Files.readString(Path.of(file));
    }

    static void assertKeyNowhere(FakeNode node, String key, String... texts) throws IOException {
        String secret = key.substring(key.length() - 40);
        for (List<String> call : node.fakes.calls()) {
            for (String arg : call) {
                assertFalse(arg.contains(secret), "the key is in the argv of " + call.get(0));
            }
        }
        for (String t : texts) {
            assertFalse(t.contains(secret), "the key is in: " + t);
        }
        assertFalse(testLog().contains(secret), "the key is in the log");
    }

    private static int indexOf(List<List<String>> calls, String... prefix) {
        for (int i = 0; i < calls.size(); i++) {
            if (calls.get(i).size() >= prefix.length && calls.get(i).subList(0, prefix.length).equals(List.of(prefix))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void enablesAndStartsTailscaledThenJoinsWithTheKeyInAPrivateFile() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.afterUp("status-running.json");
        String key = TestKeys.modern();
        List<String> progress = new ArrayList<>();
        String result = node.joiner().join(AuthKey.parse(key), false, progress::add);

        List<List<String>> calls = node.fakes.calls();
        int enable = indexOf(calls, "systemctl", "enable", "tailscaled.service");
        int start = indexOf(calls, "systemctl", "start", "tailscaled.service");
        int up = indexOf(calls, "tailscale", "up");
        assertTrue(enable >= 0 && enable < start && start < up, "enable, start, then up: " + calls);
        List<String> upArgv = calls.get(up);
        assertEquals("--login-server=https://hs.example.org", upArgv.get(2));
        String keyArg = upArgv.get(3);
        assertTrue(keyArg.startsWith("--auth-key=file:" + node.root.toRealPath() + "/run/veilor/join/authkey-"), keyArg);
        assertEquals(List.of("--accept-dns=true", "--timeout=60s", "--reset"), upArgv.subList(4, 7));
        assertEquals(7, upArgv.size(), "no hostname, no --force-reauth: " + upArgv);

        assertEquals("600", node.read("up.mode"), "the key file is owner-only");
        assertEquals("700", node.read("up.dirmode"), "in a root-only folder");
        assertEquals(key, node.read("up.key"), "tailscale read exactly the key");
        assertFalse(Files.exists(Path.of(keyArg.substring("--auth-key=file:".length()))), "the key file is gone");
        assertTrue(node.host.list("/run/veilor/join").isEmpty());

        assertEquals("joined the Veilor mesh at https://hs.example.org: 100.64.0.7 (node1), tailnet veilor,"
                + " 2/3 peers online, tailscale 1.102.0-t1234abcd-g5678ef90", result);
        assertEquals(List.of("enabling tailscaled.service", "starting tailscaled.service",
                "tailscale up --login-server=https://hs.example.org (waiting up to 60 s for the login server)"), progress);
        assertKeyNowhere(node, key, result, String.join("\n", progress));
        // Never an interactive login: tailscale is only ever asked for its status or to come up with a key file.
        for (List<String> call : node.fakes.calls("tailscale")) {
            assertTrue(call.get(0).equals("status") || call.get(0).equals("up") && call.get(2).startsWith("--auth-key=file:"),
                    call.toString());
        }
    }

    @Test
    void hostNameAndDnsSettingsAndForceGoToTailscaleUp() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.status("status-running.json");
        node.settings = new TailscaleSettings("https://hs.example.org", "hs.example.org", "onyx", false, 3, 120);
        node.joiner().join(AuthKey.parse(TestKeys.legacy()), true, line -> { });
        List<String> up = node.fakes.calls("tailscale").stream().filter(c -> c.get(0).equals("up")).findFirst().orElseThrow();
        assertTrue(up.contains("--accept-dns=false"), up.toString());
        assertTrue(up.contains("--timeout=120s"), up.toString());
        assertEquals(List.of("--hostname=onyx", "--force-reauth"), up.subList(up.size() - 2, up.size()));
    }

    @Test
    void anAlreadyJoinedNodeIsNotJoinedAgainWithoutForce() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.status("status-running.json");
        IOException e = assertThrows(IOException.class,
                () -> node.joiner().join(AuthKey.parse(TestKeys.modern()), false, line -> { }));
        assertTrue(e.getMessage().startsWith("this node has joined the mesh already (100.64.0.7 (node1)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("mesh:join --force joins again with the new key"), e.getMessage());
        assertEquals(-1, indexOf(node.fakes.calls(), "systemctl", "enable", "tailscaled.service"));
    }

    @Test
    void aFailingTailscaleUpIsReportedClearlyAndTheKeyStillCleanedUp() throws Exception {
        FakeNode node = new FakeNode(tmp);
        String key = TestKeys.modern();
        // tailscale echoing the key back is the worst case; the message must still not carry it.
        node.set("up-fail", "backend error: invalid key: " + key + " not valid\n");
        AuthKey authKey = AuthKey.parse(key);
        IOException e = assertThrows(IOException.class, () -> node.joiner().join(authKey, false, line -> { }));
        assertEquals("tailscale up failed: tailscale exited with 1: backend error: invalid key: " + authKey.redacted()
                + " not valid", e.getMessage());
        assertTrue(node.host.list("/run/veilor/join").isEmpty(), "no key file left behind");
        assertKeyNowhere(node, key, e.getMessage());
    }

    @Test
    void aTailscaledThatCannotStartStopsTheJoinBeforeAnyKeyIsWritten() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.set("fail-start", "Job for tailscaled.service failed because the control process exited with error code.\n");
        IOException e = assertThrows(IOException.class,
                () -> node.joiner().join(AuthKey.parse(TestKeys.modern()), false, line -> { }));
        assertEquals("could not start tailscaled.service: systemctl exited with 1: Job for tailscaled.service failed"
                + " because the control process exited with error code.", e.getMessage());
        assertEquals(-1, indexOf(node.fakes.calls(), "tailscale", "up"));
        assertFalse(node.host.exists("/run/veilor/join"));
    }

    @Test
    void withoutTailscaleThereIsNothingToJoinWith() throws Exception {
        FakeNode node = new FakeNode(tmp, false);
        IOException e = assertThrows(IOException.class,
                () -> node.joiner().join(AuthKey.parse(TestKeys.modern()), false, line -> { }));
        assertEquals("tailscale is not installed on this node (not on the executable search path)", e.getMessage());
        assertTrue(node.fakes.calls().isEmpty());
    }

    @Test
    void staleKeyFilesFromACrashAreDeletedAtStart() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.host.mkdirs("/run/veilor/join", FileAttrs.PRIVATE_FOLDER);
        node.host.writeAtomic("/run/veilor/join/authkey-0123abcd", TestKeys.modern().getBytes(), FileAttrs.PRIVATE);
        node.host.writeAtomic("/run/veilor/join/paste.XYZ", new byte[0], FileAttrs.PRIVATE);
        node.joiner().sweepStaleKeyFiles();
        assertEquals(List.of("/run/veilor/join/paste.XYZ"), node.host.list("/run/veilor/join"));
    }
}
