package org.veilor.mesh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.veilor.core.ReleaseStage;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshEvents;
import org.veilor.mesh.MeshReport;

class SupervisionTest {

    private static final LayerStatus YGG_IDLE_BOTH = LayerStatus.of(LayerState.IDLE, "one public peer",
            FloorClaim.survives(Floor.I, "peer tls://192.0.2.7:443 up (IP literal)"),
            FloorClaim.survives(Floor.II, "peer wss://ygg.example.net:443/ygg up"));

    private final List<String> topics = new ArrayList<>();
    private final List<Map<String, Object>> props = new ArrayList<>();
    private final TestGates gates = new TestGates(ReleaseStage.V0_7);
    private final Supervision sup = new Supervision(gates, (t, p) -> {
        topics.add(t);
        props.add(Map.copyOf(p));
    }, Clock.systemUTC());

    private long count(String topic) {
        return topics.stream().filter(topic::equals).count();
    }

    @Test
    void layersAppearAtOnceAndGoAtOnce() {
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        sup.add(ts);
        MeshReport r = sup.report(5);
        assertEquals(1, r.layers().size());
        LayerReport l = r.layers().get(0);
        assertEquals("tailscale", l.id());
        assertFalse(l.probed());
        assertEquals("probing", l.stateLabel());
        assertEquals(1, count(MeshEvents.LAYER_ADDED));

        sup.probeAll();
        assertEquals(LayerState.ACTIVE, sup.report(5).layers().get(0).state());

        sup.remove(ts);
        assertTrue(sup.report(5).layers().isEmpty());
        assertEquals(1, count(MeshEvents.LAYER_REMOVED));
        sup.remove(ts);
        assertEquals(1, count(MeshEvents.LAYER_REMOVED), "removing twice reports once");
    }

    @Test
    void stateChangesArePostedOnceWithPreviousStateAndSince() throws Exception {
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        sup.add(ts);
        sup.probeAll();
        sup.probeAll();
        assertEquals(1, count(MeshEvents.LAYER_CHANGED), "same state twice is one change");
        var since = sup.report(5).layers().get(0).since();

        ts.next = LayerStatus.down("control server unreachable");
        sup.probeAll();
        assertEquals(2, count(MeshEvents.LAYER_CHANGED));
        Map<String, Object> last = lastOf(MeshEvents.LAYER_CHANGED);
        assertEquals("down", last.get(MeshEvents.STATE));
        assertEquals("active", last.get(MeshEvents.PREVIOUS_STATE));
        assertEquals("L3a", last.get(MeshEvents.LAYER_KIND));
        assertEquals("v0.7", last.get(MeshEvents.STAGE));
        assertTrue(last.get(MeshEvents.MESSAGE).toString().contains("control server unreachable"));
        assertFalse(sup.report(5).layers().get(0).since().isBefore(since));
    }

    @Test
    void aProbeThatThrowsCountsAsDownWithItsMessage() {
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        ygg.probeFailure = new IllegalStateException("admin socket vanished");
        sup.add(ygg);
        sup.probeAll();
        LayerReport l = sup.report(5).layers().get(0);
        assertEquals(LayerState.DOWN, l.state());
        assertEquals("probe failed: admin socket vanished", l.detail());
    }

    @Test
    void floorOneAndTwoHoldWithAnIdleYggdrasilAndSayWhy() {
        sup.add(FakeLayer.l3a(LayerState.ACTIVE));
        sup.add(FakeLayer.l3b(YGG_IDLE_BOTH));
        sup.probeAll();
        MeshReport r = sup.report(5);
        FloorAssessment one = r.floor(Floor.I);
        assertTrue(one.holds());
        assertEquals(List.of("yggdrasil"), one.carriedBy());
        assertEquals("L3b yggdrasil (idle): peer tls://192.0.2.7:443 up (IP literal)", one.reason());
        assertTrue(one.promised(), "floor (i) is promised from v0.7");
        FloorAssessment two = r.floor(Floor.II);
        assertTrue(two.holds());
        assertFalse(two.promised(), "floor (ii) is promised only from v0.8");
        FloorAssessment three = r.floor(Floor.III);
        assertFalse(three.holds());
        assertTrue(three.reason().startsWith("no L3c (Reticulum) layer is installed"), three.reason());
        assertFalse(three.breached());
    }

    @Test
    void aDownCarrierBreaksAPromisedFloorAndSaysWhy() {
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(ygg);
        sup.probeAll();
        ygg.next = LayerStatus.down("admin socket unreachable: connection refused");
        sup.probeAll();
        FloorAssessment one = sup.report(5).floor(Floor.I);
        assertFalse(one.holds());
        assertTrue(one.breached());
        assertEquals("L3b yggdrasil is down: admin socket unreachable: connection refused", one.reason());
        Map<String, Object> change = props.get(lastIndex(MeshEvents.FLOOR_CHANGED, "i"));
        assertEquals(false, change.get(MeshEvents.HOLDS));
        assertEquals(true, change.get(MeshEvents.PROMISED));
    }

    @Test
    void anUpLayerWithoutTheRightPeerExplainsWhatIsMissing() {
        sup.add(FakeLayer.l3b(LayerStatus.of(LayerState.IDLE, "one public peer",
                FloorClaim.survives(Floor.I, "peer tls://192.0.2.7:443 up (IP literal)"),
                FloorClaim.fails(Floor.II, "no wss://…:443 peer is up"))));
        sup.probeAll();
        FloorAssessment two = sup.report(5).floor(Floor.II);
        assertFalse(two.holds());
        assertEquals("L3b yggdrasil (idle): no wss://…:443 peer is up", two.reason());
    }

    @Test
    void floorEventsOnlyOnChange() {
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(ygg);
        sup.probeAll();
        assertEquals(3, count(MeshEvents.FLOOR_CHANGED), "the first assessment reports every floor");
        sup.probeAll();
        assertEquals(3, count(MeshEvents.FLOOR_CHANGED));
        sup.remove(ygg);
        sup.reassess();
        assertEquals(5, count(MeshEvents.FLOOR_CHANGED), "removing the carrier drops floors (i) and (ii)");
    }

    @Test
    void atV07TheSupervisorOnlyAdvises() {
        FakeLayer ts = FakeLayer.l3a(LayerState.DOWN);
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(ts);
        sup.add(ygg);
        sup.probeAll();
        sup.probeAll();
        assertEquals(0, ygg.count("promote"), "no promotion at v0.7");
        assertEquals(1, count(MeshEvents.ADVISED), "the same advice is posted once");
        MeshReport r = sup.report(5);
        assertFalse(r.failover().automatic());
        assertEquals("report only", r.failover().mode());
        assertTrue(r.failover().lastAction().startsWith("would promote L3b yggdrasil (L3a tailscale is down"),
                r.failover().lastAction());
        assertTrue(r.failover().lastAction().contains("before that the mesh supervisor only reports"),
                r.failover().lastAction());
        assertEquals(LayerState.IDLE, r.layers().get(1).state());
    }

    @Test
    void fromV08AnIdleL3bIsPromotedWhileL3aIsDownAndDemotedWhenItReturns() {
        gates.stage = ReleaseStage.V0_8;
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(ts);
        sup.add(ygg);
        sup.probeAll();
        assertEquals(0, ygg.count("promote"));

        ts.next = LayerStatus.down("not connected to the login server");
        sup.probeAll();
        assertEquals(1, ygg.count("promote"));
        assertEquals(1, count(MeshEvents.PROMOTED));
        MeshReport r = sup.report(5);
        assertEquals(LayerState.ACTIVE, r.layers().get(1).state(), "re-probed right after promotion");
        assertEquals(List.of("yggdrasil"), r.failover().promoted());
        assertTrue(r.failover().lastAction().startsWith("promoted L3b yggdrasil: L3a tailscale is down"),
                r.failover().lastAction());
        assertEquals("automatic", r.failover().mode());

        sup.probeAll();
        assertEquals(1, ygg.count("promote"), "an active L3b is not promoted again");
        assertEquals(0, ygg.count("demote"));

        ts.next = LayerStatus.of(LayerState.ACTIVE, "100.64.0.7");
        sup.probeAll();
        assertEquals(1, ygg.count("demote"));
        assertEquals(1, count(MeshEvents.DEMOTED));
        assertEquals(LayerState.IDLE, sup.report(5).layers().get(1).state());
        assertTrue(sup.report(5).failover().promoted().isEmpty());
    }

    @Test
    void aDisabledL3aIsNoReasonToFailOver() {
        gates.stage = ReleaseStage.V1_0;
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(FakeLayer.l3a(LayerState.DISABLED));
        sup.add(ygg);
        sup.probeAll();
        assertEquals(0, ygg.count("promote"));
        assertTrue(sup.report(5).failover().summary().contains("only a down L3a triggers one"),
                sup.report(5).failover().summary());
    }

    @Test
    void aFailedPromotionIsReportedOnceAndRetried() {
        gates.stage = ReleaseStage.V0_8;
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        ygg.promoteFailure = new IOException("admin socket refused addPeer");
        sup.add(FakeLayer.l3a(LayerState.DOWN));
        sup.add(ygg);
        sup.probeAll();
        sup.probeAll();
        assertEquals(2, ygg.count("promote"), "retried at the next probe");
        assertEquals(1, count(MeshEvents.FAILED), "the same failure is reported once");
        assertTrue(sup.report(5).failover().lastAction().contains("admin socket refused addPeer"));
        assertTrue(sup.report(5).failover().promoted().isEmpty());

        ygg.promoteFailure = null;
        sup.probeAll();
        assertEquals(1, count(MeshEvents.PROMOTED));
        assertEquals(LayerState.ACTIVE, sup.report(5).layers().get(1).state());
    }

    @Test
    void theStageChangesLive() {
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(FakeLayer.l3a(LayerState.DOWN));
        sup.add(ygg);
        sup.probeAll();
        assertEquals(0, ygg.count("promote"));
        assertFalse(sup.report(5).floor(Floor.II).promised());
        gates.stage = ReleaseStage.V0_8;
        sup.probeAll();
        assertEquals(1, ygg.count("promote"));
        assertTrue(sup.report(5).floor(Floor.II).promised());
    }

    @Test
    void layersLearnTheLoginServerFromL3a() {
        FakeLayer ts = FakeLayer.l3a(LayerState.ACTIVE);
        ts.loginServer = "https://hs.s8n.ru";
        FakeLayer ygg = FakeLayer.l3b(YGG_IDLE_BOTH);
        sup.add(ygg);
        sup.probeAll();
        assertNull(ygg.lastContext.loginServerHost());
        sup.add(ts);
        sup.probeAll();
        assertEquals("hs.s8n.ru", ygg.lastContext.loginServerHost());
        assertFalse(ygg.lastContext.outsideLoginDomain("ygg.s8n.ru"));
    }

    @Test
    void layersAreOrderedByKindThenId() {
        sup.add(FakeLayer.l3c(LayerStatus.disabled("rnsd not started")));
        sup.add(FakeLayer.l3b(YGG_IDLE_BOTH));
        sup.add(FakeLayer.l3a(LayerState.ACTIVE));
        assertEquals(List.of("tailscale", "yggdrasil", "reticulum"),
                sup.report(5).layers().stream().map(LayerReport::id).toList());
    }

    private int lastIndex(String topic, String floor) {
        for (int i = topics.size() - 1; i >= 0; i--) {
            if (topics.get(i).equals(topic) && floor.equals(props.get(i).get(MeshEvents.FLOOR))) {
                return i;
            }
        }
        throw new AssertionError("no event " + topic + " for floor " + floor);
    }

    private Map<String, Object> lastOf(String topic) {
        for (int i = topics.size() - 1; i >= 0; i--) {
            if (topics.get(i).equals(topic)) {
                return props.get(i);
            }
        }
        throw new AssertionError("no event " + topic + " in " + topics);
    }
}
