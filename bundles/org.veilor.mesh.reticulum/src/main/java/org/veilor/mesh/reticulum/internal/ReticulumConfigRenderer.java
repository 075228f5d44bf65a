package org.veilor.mesh.reticulum.internal;

import java.math.BigDecimal;
import java.util.Optional;
import org.veilor.rnode.LoraSettings;

/**
 * Pure: the Reticulum config file for rnsd from the validated settings and, when a radio is named,
 * the radio's port and the parameters the RNode confirmed. Sections and keys are those of the
 * manual (mesh-radio.md §4.1–4.3): {@code [reticulum]}, {@code [logging]}, {@code [interfaces]} with
 * one {@code [[…]]} per interface.
 */
final class ReticulumConfigRenderer {

    /** rnsd's config folder ({@code rnsd --config}); also its state folder (systemd StateDirectory). */
    static final String CONFIG_DIR = "/var/lib/reticulum";
    static final String CONFIG_FILE = CONFIG_DIR + "/config";
    static final String AUTO_INTERFACE = "Veilor LAN";

    /**
     * The radio as the RNodeInterface needs it.
     *
     * @param name the radio's name (the interface is called {@code RNode <name>})
     * @param port the serial device rnsd opens
     * @param settings the parameters the device confirmed at its last verification
     * @param flowControl whether sends wait for the device's ready indication
     */
    record RadioInterface(String name, String port, LoraSettings settings, boolean flowControl) {
    }

    private ReticulumConfigRenderer() {
    }

    static String render(ReticulumSettings s, Optional<RadioInterface> radio) {
        if (s.hasRadio() && radio.isEmpty()) {
            throw new IllegalStateException("radio " + s.radio() + " is configured but was not given to the renderer");
        }
        ConfigObjWriter w = new ConfigObjWriter()
                .comment("Reticulum configuration of this node for rnsd (rnsd --config " + CONFIG_DIR + "),\n"
                        + "rendered by the Veilor node agent from PID " + ReticulumSettings.PID + " and the RNode\n"
                        + "radio's verified parameters at every mesh:reticulum start. Do not edit it here: change the\n"
                        + "PID (config:edit " + ReticulumSettings.PID + ") or the radio's configuration instead.")
                .blank()
                .section(1, "reticulum")
                .value("enable_transport", s.transport())
                .value("share_instance", true)
                .value("panic_on_interface_error", false)
                .blank()
                .section(1, "logging")
                .value("loglevel", s.logLevel())
                .blank()
                .section(1, "interfaces");
        if (s.autoInterface()) {
            w.blank().sectionComment(2, "Peers on the local network (link-local IPv6, UDP 29716 and 42671).")
                    .section(2, AUTO_INTERFACE)
                    .value("type", "AutoInterface")
                    .value("enabled", true)
                    .value("group_id", s.groupId());
        }
        for (BackbonePeer p : s.backbonePeers()) {
            w.blank().section(2, "Backbone " + p.host() + " " + p.port())
                    .value("type", "TCPClientInterface")
                    .value("enabled", true)
                    .value("target_host", p.host())
                    .value("target_port", p.port());
        }
        radio.ifPresent(r -> rnode(w, r));
        return w.text();
    }

    private static void rnode(ConfigObjWriter w, RadioInterface r) {
        LoraSettings l = r.settings();
        w.blank().sectionComment(2, "LoRa over the RNode radio '" + r.name() + "': " + l.frequencyText() + ", " + l.bandwidthText()
                        + ", SF " + l.spreadingFactor() + ", CR 4/" + l.codingRate() + ", " + l.bitrateText() + ".")
                .section(2, "RNode " + r.name())
                .value("type", "RNodeInterface")
                .value("enabled", true)
                .value("port", r.port())
                .value("frequency", l.frequency())
                .value("bandwidth", l.bandwidth())
                .value("txpower", l.txPower())
                .value("spreadingfactor", l.spreadingFactor())
                .value("codingrate", l.codingRate());
        if (r.flowControl()) {
            w.value("flow_control", true);
        }
        if (l.airtimeLimitShort() > 0) {
            w.value("airtime_limit_short", percent(l.airtimeLimitShort()));
        }
        if (l.airtimeLimitLong() > 0) {
            w.value("airtime_limit_long", percent(l.airtimeLimitLong()));
        }
    }

    /** {@code 1.5}, {@code 10}: the percentage without trailing zeros. */
    private static String percent(double p) {
        return BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }
}
