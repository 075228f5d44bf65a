package org.veilor.mesh.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.FailoverStatus;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

class MeshCommandsTest {

    private static final Instant T = Instant.parse("2026-09-01T10:00:00Z");

    private static MeshReport report() {
        LayerReport ts = new LayerReport("tailscale", LayerKind.L3A, LayerState.ACTIVE, "100.64.0.7 (node1), 2/3 peers online",
                T, Set.of(), List.of(), false);
        LayerReport ygg = new LayerReport("yggdrasil", LayerKind.L3B, LayerState.IDLE, "one public peer", T,
                Set.of(Floor.I, Floor.II), List.of(FloorClaim.survives(Floor.I, "peer tls://192.0.2.7:443 up"),
                        FloorClaim.fails(Floor.II, "no wss://…:443 peer is up")), true);
        List<FloorAssessment> floors = List.of(
                new FloorAssessment(Floor.I, true, "L3b yggdrasil (idle): peer tls://192.0.2.7:443 up", List.of("yggdrasil"), true),
                new FloorAssessment(Floor.II, false, "L3b yggdrasil (idle): no wss://…:443 peer is up", List.of(), false),
                new FloorAssessment(Floor.III, false, "no L3c (Reticulum) layer is installed", List.of(), false));
        return new MeshReport(ReleaseStage.V0_7, 5, T, List.of(ts, ygg), floors,
                new FailoverStatus(false, "L3a active; L3b yggdrasil idle", List.of(), "", null));
    }

    private static MeshSupervisor fixed(MeshReport r) {
        return new MeshSupervisor() {
            @Override
            public MeshReport report() {
                return r;
            }

            @Override
            public MeshReport refresh() {
                return r;
            }
        };
    }

    private static String run(org.apache.karaf.shell.api.action.Action action) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.execute();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusPrintsLayersFloorsAndFailover() throws Exception {
        MeshStatusCommand c = new MeshStatusCommand();
        c.supervisor = fixed(report());
        String out = run(c);
        assertTrue(out.startsWith("Mesh at release v0.7, probed every 5 s (last probe 2026-09-01T10:00:00Z)"), out);
        assertTrue(out.matches("(?s).*L3a Tailscale\\s*\\|\\s*tailscale\\s*\\|\\s*active.*"), out);
        assertTrue(out.matches("(?s).*L3b Yggdrasil\\s*\\|\\s*yggdrasil\\s*\\|\\s*idle.*\\(i\\) \\(ii\\).*"), out);
        assertTrue(out.matches("(?s).*\\(iii\\)\\s*\\|\\s*internet unreachable\\s*\\|\\s*no\\s*\\|\\s*from v0.8.*"), out);
        assertTrue(out.contains("yes (from v0.7)"), out);
        assertTrue(out.contains("Failover: report only at v0.7 — L3a active; L3b yggdrasil idle"), out);
    }

    @Test
    void statusJsonCarriesEveryField() throws Exception {
        MeshStatusCommand c = new MeshStatusCommand();
        c.supervisor = fixed(report());
        c.json = true;
        JsonNode j = new ObjectMapper().readTree(run(c));
        assertEquals("v0.7", j.get("stage").asText());
        assertEquals(2, j.get("layers").size());
        JsonNode ts = j.get("layers").get(0);
        assertEquals("L3a", ts.get("layer").asText());
        assertEquals("active", ts.get("state").asText());
        assertEquals("2026-09-01T10:00:00Z", ts.get("since").asText());
        JsonNode ygg = j.get("layers").get(1);
        assertEquals("[\"i\",\"ii\"]", ygg.get("floors").toString());
        assertFalse(ygg.get("claims").get(1).get("survives").asBoolean());
        assertEquals(3, j.get("floors").size());
        JsonNode one = j.get("floors").get(0);
        assertEquals("i", one.get("floor").asText());
        assertTrue(one.get("holds").asBoolean());
        assertEquals("v0.7", one.get("promisedFrom").asText());
        assertFalse(one.get("breached").asBoolean());
        assertEquals("report only", j.get("failover").get("mode").asText());
        assertTrue(j.get("failover").get("lastActionAt").isNull());
    }

    @Test
    void floorsShowWhatSurvivesEachAttack() throws Exception {
        MeshFloorsCommand c = new MeshFloorsCommand();
        c.supervisor = fixed(report());
        String out = run(c);
        assertTrue(out.contains("Survives by"), out);
        assertTrue(out.contains("ISP blocks the login server's DNS"), out);
        c.json = true;
        JsonNode j = new ObjectMapper().readTree(run(c));
        assertEquals("Yggdrasil with a wss://…:443 peer up", j.get("floors").get(1).get("survivesBy").asText());
    }

    @Test
    void withoutTheSupervisorTheCommandsSaySoAndFail() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(new MeshStatusCommand()));
        assertTrue(e.getMessage().contains("the mesh supervisor is not active (PID org.veilor.mesh)"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> run(new MeshFloorsCommand()));
    }
}
