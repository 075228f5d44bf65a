package org.veilor.rnode.command;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStatus;

/** Text and JSON views of a {@link RadioStatus}, shared by the commands. */
final class StatusView {

    private StatusView() {
    }

    /** The lines under the table: why, who holds the port, what the device is, accepted differences. */
    static void details(PrintStream out, RadioStatus s) {
        out.println();
        out.println(s.name() + " (" + s.configurationPid() + "): " + s.state().label() + " since " + s.since()
                + (s.reason().isEmpty() ? "" : " - " + s.reason()));
        out.println("  port      " + s.port() + (s.devicePath() != null && !s.devicePath().equals(s.port()) ? " -> " + s.devicePath() : "")
                + (s.devicePresent() ? " (present)" : " (not present)"));
        if (s.owner() != null) {
            out.println("  held by   " + s.owner());
        }
        if (s.device() != null) {
            out.println("  device    " + s.device().describe());
        }
        for (FieldCheck c : s.checks()) {
            if (c.verdict() != FieldCheck.Verdict.OK) {
                out.println("  " + c.verdict().name().toLowerCase(java.util.Locale.ROOT) + "  " + c.describe());
            }
        }
        RadioStats st = s.stats();
        out.println("  traffic   rx " + st.rxFrames() + " frames / " + st.rxBytes() + " bytes, tx " + st.txFrames() + " frames / "
                + st.txBytes() + " bytes, flow control " + (s.flowControl() ? "on" : "off") + ", reconnects " + st.reconnects());
        if (st.noiseBytes() > 0 || st.corruptFrames() > 0) {
            out.println("  line      " + st.noiseBytes() + " noise bytes outside frames, " + st.corruptFrames() + " corrupt frames dropped");
        }
        st.deviceErrors().forEach((name, count) -> out.println("  error     " + name + " x" + count));
        if (st.channel() != null) {
            RadioStats.ChannelStats ch = st.channel();
            out.println("  channel   airtime " + ch.airtimeShort() + " % / " + ch.airtimeLong() + " %, load " + ch.channelLoadShort()
                    + " % / " + ch.channelLoadLong() + " %, noise floor " + ch.noiseFloor() + " dBm");
        }
    }

    static Map<String, Object> toMap(RadioStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("pid", s.configurationPid());
        m.put("state", s.state().label());
        m.put("reason", s.reason());
        m.put("since", s.since().toString());
        m.put("port", s.port());
        m.put("devicePath", s.devicePath());
        m.put("devicePresent", s.devicePresent());
        m.put("owner", s.owner());
        if (s.device() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("firmware", s.device().firmware());
            d.put("platform", s.device().platformName());
            d.put("mcu", s.device().mcuName());
            d.put("board", s.device().boardName());
            m.put("device", d);
        }
        m.put("requested", settings(s.requested()));
        m.put("verified", s.verified() == null ? null : settings(s.verified()));
        List<Object> checks = new ArrayList<>();
        for (FieldCheck c : s.checks()) {
            checks.add(Map.of("field", c.field(), "asked", c.asked(), "reported", c.reported(),
                    "verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT), "note", c.note()));
        }
        m.put("checks", checks);
        m.put("flowControl", s.flowControl());
        RadioStats st = s.stats();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("rxFrames", st.rxFrames());
        stats.put("rxBytes", st.rxBytes());
        stats.put("txFrames", st.txFrames());
        stats.put("txBytes", st.txBytes());
        stats.put("lastRssi", st.lastRssi());
        stats.put("lastSnr", st.lastSnr());
        stats.put("lastReceived", st.lastReceived() == null ? null : st.lastReceived().toString());
        stats.put("deviceErrors", st.deviceErrors());
        stats.put("noiseBytes", st.noiseBytes());
        stats.put("corruptFrames", st.corruptFrames());
        stats.put("reconnects", st.reconnects());
        m.put("stats", stats);
        return m;
    }

    static Map<String, Object> settings(LoraSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frequency", s.frequency());
        m.put("bandwidth", s.bandwidth());
        m.put("txPower", s.txPower());
        m.put("spreadingFactor", s.spreadingFactor());
        m.put("codingRate", s.codingRate());
        m.put("airtimeLimitShort", s.airtimeLimitShort());
        m.put("airtimeLimitLong", s.airtimeLimitLong());
        m.put("bitrate", Math.round(s.bitrate() * 100) / 100.0);
        return m;
    }
}
