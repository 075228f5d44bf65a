package org.veilor.update.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshSupervisor;

/** veilor.service through a fake systemctl, the layers through the supervisor's last snapshot. */
class HealthProbeTest {

    @TempDir
    Path dir;

    @Test
    void healthyNeedsTheUnitActiveAndNoLayerDownOrUnprobed() throws Exception {
        Node node = new Node(dir);
        MeshSupervisor fine = Meshes.of(Instant.now(), Meshes.layer(LayerKind.L3A, "tailscale", LayerState.DISABLED, "not joined"),
                Meshes.layer(LayerKind.L3B, "yggdrasil", LayerState.IDLE, "1 peer up"));
        assertEquals(List.of(), new HealthProbe(node.host, () -> fine).problems());

        node.systemctl.active("veilor.service", "activating");
        MeshSupervisor down = Meshes.of(Instant.now(), Meshes.layer(LayerKind.L3B, "yggdrasil", LayerState.DOWN,
                "yggdrasil admin socket unreachable"), Meshes.layer(LayerKind.L3C, "reticulum", null, ""));
        assertEquals(List.of("veilor.service is activating", "L3b (Yggdrasil) is down: yggdrasil admin socket unreachable",
                "L3c (Reticulum) has not been probed yet"), new HealthProbe(node.host, () -> down).problems());

        node.systemctl.fail("veilor.service", "is-active", "Failed to connect to bus");
        assertEquals(List.of("veilor.service is unknown (systemctl exited with 1: Failed to connect to bus)",
                "the mesh layers have not been probed yet"), new HealthProbe(node.host, () -> Meshes.of(null)).problems());
        assertEquals("the mesh supervisor is not running (feature veilor-mesh, PID org.veilor.mesh)",
                new HealthProbe(node.host, () -> null).problems().get(1));
    }
}
