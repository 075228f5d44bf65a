package org.veilor.mesh.tailscale.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;

class TailscaleLayerTest {

    @TempDir
    Path tmp;

    @Test
    void runsTailscaleStatusJsonThroughTheHost() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.status("status-running.json");
        TailscaleLayer layer = node.layer();
        assertEquals("tailscale", layer.id());
        assertEquals(LayerKind.L3A, layer.kind());
        assertTrue(layer.floors().isEmpty());
        assertEquals("https://hs.example.org", layer.loginServer().orElseThrow());
        LayerStatus s = layer.probe(MeshContext.empty());
        assertEquals(LayerState.ACTIVE, s.state());
        assertTrue(s.detail().startsWith("100.64.0.7 (node1)"), s.detail());
        assertEquals(List.of(List.of("tailscale", "status", "--json")), node.fakes.calls());
    }

    @Test
    void aNodeThatHasNotJoinedHasTailscaledDisabled() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.daemonDown();
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DISABLED, s.state());
        assertEquals("tailscaled is disabled: the node has not joined yet (mesh:join KEY, or ujust veilor-join)", s.detail());
        assertEquals(List.of("systemctl", "is-enabled", "tailscaled.service"), node.fakes.calls().get(1));
    }

    @Test
    void anEnabledTailscaledThatDoesNotRunIsDown() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.daemonDown();
        node.set("is-enabled", "enabled");
        node.set("is-active", "failed");
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertEquals("tailscaled is not running (failed): tailscale exited with 1: failed to connect to local tailscaled;"
                + " it doesn't appear to be running (sudo systemctl start tailscaled ?)", s.detail());
    }

    @Test
    void aTailscaledThatRunsButDoesNotAnswerIsDown() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.daemonDown();
        node.set("is-enabled", "enabled");
        node.set("is-active", "active");
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertTrue(s.detail().startsWith("tailscaled runs but does not answer: tailscale exited with 1"), s.detail());
    }

    @Test
    void aHangingTailscaleIsDownAfterItsTimeout() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.status("status-running.json");
        node.set("status-sleep", "30");
        node.settings = new TailscaleSettings("https://hs.example.org", "hs.example.org", "", true, 1, 60);
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertEquals("tailscale status did not answer within 1 s", s.detail());
    }

    @Test
    void garbageFromASuccessfulStatusIsDown() throws Exception {
        FakeNode node = new FakeNode(tmp);
        node.set("status.json", "this is not json");
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertTrue(s.detail().startsWith("tailscale status --json did not print JSON"), s.detail());
    }

    @Test
    void withoutTailscaleInstalledTheLayerIsDown() throws Exception {
        FakeNode node = new FakeNode(tmp, false);
        LayerStatus s = node.layer().probe(MeshContext.empty());
        assertEquals(LayerState.DOWN, s.state());
        assertEquals("tailscale is not installed (not on the executable search path)", s.detail());
    }
}
