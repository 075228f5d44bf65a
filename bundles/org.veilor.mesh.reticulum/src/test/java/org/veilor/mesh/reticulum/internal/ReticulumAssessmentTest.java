package org.veilor.mesh.reticulum.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStatus;

/** Floor (iii) by every combination that matters of rnsd's unit state and the radio's status. */
class ReticulumAssessmentTest {

    private static final String PORT = "/dev/serial/by-id/usb-rnode";
    private static final ReticulumSettings WITH_RADIO = ReticulumSettingsTest.valid(Map.of("radio", "lora0",
            "autoInterfaceGroupId", "veilor"));
    private static final ReticulumSettings NO_RADIO = ReticulumSettingsTest.valid(Map.of("backbonePeers", "hub.example.net:4242"));
    private static final RnsdUnit.State RUNNING = new RnsdUnit.State("loaded", "active", "running", "disabled");
    private static final RnsdUnit.State STOPPED = new RnsdUnit.State("loaded", "inactive", "dead", "disabled");

    static RadioStatus radio(RadioState state, String owner, boolean present, boolean verified, FieldCheck.Verdict verdict) {
        LoraSettings s = new LoraSettings(869_525_000L, 125_000L, 7, 8, 5, 0, 0);
        RadioStats stats = new RadioStats(0, 0, 0, 0, null, null, null, Map.of(), 0, 0, 0, null);
        List<FieldCheck> checks = verified ? List.of(new FieldCheck("frequency", "869525000 Hz", "869525000 Hz", verdict, ""))
                : List.of();
        return new RadioStatus("lora0", "org.veilor.rnode.radio~lora0", PORT, PORT, state, "", Instant.now(), owner, present,
                verified ? new DeviceInfo(PORT, 1, 86, 0x80, 0x81, 0x36) : null, s, verified ? s : null, checks, false, stats);
    }

    private static final RadioStatus HANDED = radio(RadioState.HANDED_OVER, "rnsd", true, true, FieldCheck.Verdict.OK);

    @Test
    void holdsOnlyWithRnsdRunningOnTheVerifiedRadioHandedToItAndPresent() {
        LayerStatus s = ReticulumAssessment.assess(WITH_RADIO, RUNNING, Optional.of(HANDED));
        assertEquals(LayerState.ACTIVE, s.state());
        assertTrue(s.floors().get(0).survives());
        assertEquals(Floor.III, s.floors().get(0).floor());
        assertEquals("rnsd running on RNode lora0 (" + PORT + "); AutoInterface group veilor, backbone 0 of the 12 TCP backbone"
                + " peers the strategy wants (degraded)", s.detail());
    }

    @Test
    void eachMissingConditionBreaksTheFloorAndSaysWhich() {
        assertDown(WITH_RADIO, RUNNING, Optional.of(radio(RadioState.HANDED_OVER, "rnsd", false, true, FieldCheck.Verdict.OK)),
                "rnsd runs, but the device " + PORT + " of RNode lora0 is gone (unplugged)");
        assertDown(WITH_RADIO, RUNNING, Optional.of(radio(RadioState.UP, null, true, true, FieldCheck.Verdict.OK)),
                "rnsd runs, but RNode lora0 was not handed over to it: the Veilor driver holds " + PORT + " (up)");
        assertDown(WITH_RADIO, RUNNING, Optional.of(radio(RadioState.HANDED_OVER, "an operator", true, true, FieldCheck.Verdict.OK)),
                "rnsd runs, but RNode lora0 is handed over to an operator, not to rnsd");
        assertDown(WITH_RADIO, RUNNING, Optional.of(radio(RadioState.HANDED_OVER, "rnsd", true, false, FieldCheck.Verdict.OK)),
                "rnsd runs, but RNode lora0 was handed over without a verified configuration");
        assertDown(WITH_RADIO, RUNNING, Optional.of(radio(RadioState.HANDED_OVER, "rnsd", true, true, FieldCheck.Verdict.MISMATCH)),
                "rnsd runs, but RNode lora0 was handed over without a verified configuration");
        assertDown(WITH_RADIO, RUNNING, Optional.empty(), "rnsd runs, but radio lora0 has no LoraRadio service");
    }

    @Test
    void rnsdWithoutARadioIsActiveButCarriesNoFloor() {
        LayerStatus s = ReticulumAssessment.assess(NO_RADIO, RUNNING, Optional.empty());
        assertEquals(LayerState.ACTIVE, s.state());
        assertFalse(s.floors().get(0).survives());
        assertTrue(s.floors().get(0).reason().startsWith("rnsd runs without an RNode radio"), s.floors().get(0).reason());
    }

    @Test
    void notRunningIsDisabledFailedIsDownAndAMissingUnitIsDown() {
        LayerStatus off = ReticulumAssessment.assess(WITH_RADIO, STOPPED,
                Optional.of(radio(RadioState.UP, null, true, true, FieldCheck.Verdict.CLAMPED)));
        assertEquals(LayerState.DISABLED, off.state());
        assertTrue(off.detail().startsWith("rnsd is not running: Reticulum is opt-in (mesh:reticulum start); RNode lora0 up, verified on "
                + PORT), off.detail());
        LayerStatus failed = ReticulumAssessment.assess(WITH_RADIO, new RnsdUnit.State("loaded", "failed", "failed", "disabled"),
                Optional.of(HANDED));
        assertEquals(LayerState.DOWN, failed.state());
        assertTrue(failed.detail().startsWith("rnsd failed (failed): journalctl -u rnsd.service; mesh:reticulum stop takes the radio back;"
                + " RNode lora0 handed over to rnsd"), failed.detail());
        LayerStatus missing = ReticulumAssessment.assess(NO_RADIO, new RnsdUnit.State("not-found", "inactive", "dead", ""),
                Optional.empty());
        assertEquals(LayerState.DOWN, missing.state());
        assertTrue(missing.detail().startsWith("rnsd.service is not installed on this machine (not-found)"), missing.detail());
    }

    @Test
    void anRnsdEnabledAtBootIsReportedAsBreakingTheRule() {
        LayerStatus s = ReticulumAssessment.assess(WITH_RADIO, new RnsdUnit.State("loaded", "active", "running", "enabled"),
                Optional.of(HANDED));
        assertEquals(LayerState.ACTIVE, s.state());
        assertTrue(s.detail().contains("rnsd.service is enabled at boot, which the strategy forbids (Reticulum is never auto-started):"
                + " systemctl disable rnsd.service"), s.detail());
    }

    @Test
    void systemctlShowIsParsedWhateverTheOrder() {
        RnsdUnit.State s = RnsdUnit.parse("UnitFileState=disabled\nSubState=running\nActiveState=active\nLoadState=loaded\n");
        assertEquals(new RnsdUnit.State("loaded", "active", "running", "disabled"), s);
        assertTrue(s.running() && s.installed() && !s.enabledAtBoot());
        assertFalse(RnsdUnit.parse("LoadState=not-found\nActiveState=inactive\n").installed());
        assertTrue(RnsdUnit.parse("UnitFileState=enabled-runtime\n").enabledAtBoot());
    }

    private static void assertDown(ReticulumSettings s, RnsdUnit.State unit, Optional<RadioStatus> r, String start) {
        LayerStatus l = ReticulumAssessment.assess(s, unit, r);
        assertEquals(LayerState.DOWN, l.state(), l.detail());
        assertTrue(l.detail().startsWith(start), l.detail());
        assertTrue(l.floors().isEmpty());
    }
}
