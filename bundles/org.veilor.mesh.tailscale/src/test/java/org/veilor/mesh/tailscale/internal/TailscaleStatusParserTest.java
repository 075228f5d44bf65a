package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;

class TailscaleStatusParserTest {

    private static final String SERVER = "https://hs.s8n.ru";

    private static TailscaleStatus parse(String fixture) throws IOException {
        return TailscaleStatusParser.parse(FakeNode.fixture(fixture));
    }

    @Test
    void runningWithPeers() throws Exception {
        TailscaleStatus s = parse("status-running.json");
        assertEquals("Running", s.backendState());
        assertEquals(List.of("100.64.0.7", "fd7a:115c:a1e0::7"), s.tailscaleIps());
        assertEquals("node1", s.self().hostName());
        assertTrue(s.self().online());
        assertEquals(3, s.peers().size());
        assertEquals(2, s.onlinePeers());
        assertEquals("veilor", s.tailnet());
        assertTrue(s.haveNodeKey());
        LayerStatus l = TailscaleAssessment.assess(s, SERVER);
        assertEquals(LayerState.ACTIVE, l.state());
        assertEquals("100.64.0.7 (node1), tailnet veilor, 2/3 peers online, tailscale 1.102.0-t1234abcd-g5678ef90",
                l.detail());
        assertTrue(l.floors().isEmpty(), "L3a carries no floor");
    }

    @Test
    void runningButCutOffFromTheLoginServerIsDownWithHealth() throws Exception {
        LayerStatus l = TailscaleAssessment.assess(parse("status-running-offline.json"), SERVER);
        assertEquals(LayerState.DOWN, l.state());
        assertEquals("running but not connected to the login server https://hs.s8n.ru; health: not connected to home"
                + " DERP region 900; could not connect to control server: dial tcp: lookup hs.s8n.ru: no such host", l.detail());
    }

    @Test
    void notJoinedYetIsDisabled() throws Exception {
        TailscaleStatus s = parse("status-needs-login.json");
        // null Peer, TailscaleIPs, CurrentTailnet and User are read as empty
        assertTrue(s.peers().isEmpty());
        assertTrue(s.tailscaleIps().isEmpty());
        assertEquals("", s.tailnet());
        assertFalse(s.haveNodeKey());
        LayerStatus l = TailscaleAssessment.assess(s, SERVER);
        assertEquals(LayerState.DISABLED, l.state());
        assertEquals("not joined: mesh:join KEY, or ujust veilor-join", l.detail());
    }

    @Test
    void theOtherBackendStates() throws Exception {
        assertEquals(LayerState.DOWN, TailscaleAssessment.assess(parse("status-expired.json"), SERVER).state());
        assertTrue(TailscaleAssessment.assess(parse("status-expired.json"), SERVER).detail().startsWith("logged out or node key expired"));
        assertEquals(LayerState.DISABLED, TailscaleAssessment.assess(parse("status-stopped.json"), SERVER).state());
        LayerStatus auth = TailscaleAssessment.assess(parse("status-needs-machine-auth.json"), SERVER);
        assertEquals(LayerState.DOWN, auth.state());
        assertEquals("waiting for an admin to approve this machine on https://hs.s8n.ru", auth.detail());
        LayerStatus starting = TailscaleAssessment.assess(parse("status-starting.json"), SERVER);
        assertEquals("starting: not connected yet; health: waiting for the netmap", starting.detail());
        LayerStatus odd = TailscaleAssessment.assess(TailscaleStatusParser.parse("{\"BackendState\":\"Hibernating\"}"), SERVER);
        assertEquals(LayerState.DOWN, odd.state());
        assertEquals("unknown backend state Hibernating", odd.detail());
    }

    @Test
    void unknownFieldsAndMissingOnesDoNotFailTheParse() throws Exception {
        TailscaleStatus s = TailscaleStatusParser.parse("{\"BackendState\":\"Running\",\"SomethingNew\":{\"x\":1},"
                + "\"Self\":{\"Online\":true}}");
        assertTrue(s.self().online());
        assertEquals("", s.self().hostName());
        assertEquals(LayerState.ACTIVE, TailscaleAssessment.assess(s, SERVER).state());
        assertEquals("connected, 0/0 peers online", TailscaleAssessment.assess(s, SERVER).detail());
        LayerStatus noSelf = TailscaleAssessment.assess(TailscaleStatusParser.parse("{\"BackendState\":\"Running\"}"), SERVER);
        assertEquals(LayerState.DOWN, noSelf.state(), "Running without Self is not known to be connected");
    }

    @Test
    void badOutputIsRefusedWithWhatIsWrong() {
        String notJson = assertThrows(IOException.class, () -> TailscaleStatusParser.parse("failed to connect")).getMessage();
        assertTrue(notJson.startsWith("tailscale status --json did not print JSON: Unrecognized token 'failed'"), notJson);
        assertEquals("tailscale status --json did not print a JSON object",
                assertThrows(IOException.class, () -> TailscaleStatusParser.parse("[1]")).getMessage());
        assertEquals("tailscale status --json has no BackendState",
                assertThrows(IOException.class, () -> TailscaleStatusParser.parse("{\"Version\":\"1.0\"}")).getMessage());
        assertThrows(IOException.class, () -> TailscaleStatusParser.parse(""));
    }
}
