package org.veilor.mesh.reticulum.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorClaim;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStatus;

/**
 * Pure: the L3c state and its floor (iii) claim from rnsd's unit state and the radio's status.
 * Floor (iii) holds only when rnsd runs on an RNode that the driver detected and verified before it
 * handed the port to rnsd, and whose device is still present (DESIGN.md).
 */
final class ReticulumAssessment {

    /** Who the radio's port is handed to while rnsd runs. */
    static final String OWNER = "rnsd";

    private ReticulumAssessment() {
    }

    /**
     * @param s the settings
     * @param unit rnsd's unit state
     * @param radio the named radio's status, empty when no radio is named or its service is gone
     */
    static LayerStatus assess(ReticulumSettings s, RnsdUnit.State unit, Optional<RadioStatus> radio) {
        List<String> notes = new ArrayList<>();
        if (unit.enabledAtBoot()) {
            notes.add(RnsdUnit.UNIT + " is enabled at boot, which the strategy forbids (Reticulum is never auto-started):"
                    + " systemctl disable " + RnsdUnit.UNIT);
        }
        notes.add(interfaces(s));
        if (!unit.installed()) {
            return LayerStatus.down(join(RnsdUnit.UNIT + " is not installed on this machine (" + unit.load()
                    + "); the veilor-os image ships it", notes));
        }
        if (!unit.running()) {
            String radioNote = s.hasRadio() ? "; " + radioLine(s, radio) : "";
            return switch (unit.active()) {
                case "failed" -> LayerStatus.down(join("rnsd failed (" + unit.sub() + "): journalctl -u " + RnsdUnit.UNIT
                        + "; mesh:reticulum stop takes the radio back" + radioNote, notes));
                case "activating", "deactivating" -> LayerStatus.down(join("rnsd is " + unit.describe() + radioNote, notes));
                default -> LayerStatus.disabled(join("rnsd is not running: Reticulum is opt-in (mesh:reticulum start)"
                        + radioNote, notes));
            };
        }
        if (!s.hasRadio()) {
            return new LayerStatus(LayerState.ACTIVE, join("rnsd running without an RNode radio", notes),
                    List.of(FloorClaim.fails(Floor.III, "rnsd runs without an RNode radio (radio is empty): its AutoInterface"
                            + " and TCP backbone need a LAN or the internet")));
        }
        String problem = radioProblem(s, radio);
        if (problem != null) {
            return LayerStatus.down(join("rnsd runs, but " + problem, notes));
        }
        RadioStatus r = radio.orElseThrow();
        LoraSettings v = r.verified();
        String carried = "rnsd runs on RNode " + r.name() + " (" + r.device().describe() + "), detected and verified before"
                + " hand-over at " + v.frequencyText() + ", " + v.bandwidthText() + ", SF " + v.spreadingFactor() + ", "
                + v.bitrateText() + "; device " + r.devicePath() + " present";
        return new LayerStatus(LayerState.ACTIVE, join("rnsd running on RNode " + r.name() + " (" + r.devicePath() + ")", notes),
                List.of(FloorClaim.survives(Floor.III, carried)));
    }

    /** Why rnsd running does not mean LoRa works, or null when it does. */
    private static String radioProblem(ReticulumSettings s, Optional<RadioStatus> radio) {
        if (radio.isEmpty()) {
            return "radio " + s.radio() + " has no LoraRadio service: not configured, or its device is absent or down"
                    + " (rnode:status)";
        }
        RadioStatus r = radio.get();
        if (r.state() != RadioState.HANDED_OVER) {
            return "RNode " + r.name() + " was not handed over to it: the Veilor driver holds " + r.devicePath()
                    + " (" + r.state().label() + "). rnsd was started outside mesh:reticulum start; run mesh:reticulum stop,"
                    + " then mesh:reticulum start";
        }
        if (!OWNER.equals(r.owner())) {
            return "RNode " + r.name() + " is handed over to " + r.owner() + ", not to rnsd";
        }
        if (r.device() == null || r.verified() == null || r.checks().isEmpty()
                || !r.checks().stream().allMatch(c -> c.verdict().accepted())) {
            return "RNode " + r.name() + " was handed over without a verified configuration";
        }
        if (!r.devicePresent()) {
            return "the device " + r.devicePath() + " of RNode " + r.name() + " is gone (unplugged)";
        }
        return null;
    }

    /** The radio while rnsd is not running, for the detail line. */
    static String radioLine(ReticulumSettings s, Optional<RadioStatus> radio) {
        if (radio.isEmpty()) {
            return "radio " + s.radio() + ": no LoraRadio service (not configured, absent or down: rnode:status)";
        }
        RadioStatus r = radio.get();
        String state = r.state() == RadioState.HANDED_OVER ? "handed over to " + r.owner() : r.state().label();
        boolean verified = r.verified() != null && r.checks().stream().allMatch(c -> c.verdict().accepted());
        return "RNode " + r.name() + " " + state + (verified ? ", verified" : "")
                + (r.devicePath() == null ? "" : " on " + r.devicePath()) + (r.devicePresent() ? "" : " (device not present)");
    }

    static String interfaces(ReticulumSettings s) {
        List<String> parts = new ArrayList<>();
        if (s.autoInterface()) {
            parts.add("AutoInterface group " + s.groupId());
        }
        parts.add("backbone " + s.backboneSummary());
        if (s.transport()) {
            parts.add("transport on");
        }
        return String.join(", ", parts);
    }

    private static String join(String head, List<String> notes) {
        return head + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
