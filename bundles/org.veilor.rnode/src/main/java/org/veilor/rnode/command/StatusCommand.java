package org.veilor.rnode.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.ConfigStatus;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStatus;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:status}: every configured radio, its state and why, its device, settings and counters. */
@Command(scope = "rnode", name = "status", description = "Shows every configured radio: state (absent, connecting, up, handed over, down, undetected, rejected) and why, device, verified settings, on-air bit rate and counters; and radio configurations that are invalid.")
@Service
public class StatusCommand implements Action {

    @Reference
    RNodeManager manager;

    @Argument(index = 0, name = "radio", required = false, description = "Only this radio")
    String radio;

    @Option(name = "--json", aliases = "-j", description = "Print the status as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        List<LoraRadio> radios = radio == null ? manager.radios() : List.of(manager.pick(radio));
        List<ConfigStatus.Report> problems = radio == null ? manager.configurationProblems() : List.of();
        PrintStream out = System.out;
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            List<Object> list = new ArrayList<>();
            for (LoraRadio r : radios) {
                list.add(StatusView.toMap(r.status()));
            }
            doc.put("radios", list);
            List<Object> invalid = new ArrayList<>();
            for (ConfigStatus.Report p : problems) {
                invalid.add(Map.of("pid", p.component(), "detail", p.describe()));
            }
            doc.put("invalidConfigurations", invalid);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            return null;
        }
        if (radios.isEmpty() && problems.isEmpty()) {
            out.println("No radio is configured: this node runs without LoRa. Add one with a factory configuration of "
                    + "org.veilor.rnode.radio (port, frequency, ...); rnode:list shows the ports.");
            return null;
        }
        ShellTable table = new ShellTable();
        for (String c : new String[] { "Radio", "State", "Port", "Firmware", "Frequency", "BW", "SF", "CR", "TX", "Bit rate", "RX", "TX frames", "RSSI/SNR" }) {
            table.column(c);
        }
        for (LoraRadio r : radios) {
            RadioStatus s = r.status();
            RadioStats st = s.stats();
            var set = s.verified() != null ? s.verified() : s.requested();
            table.addRow().addContent(s.name(), s.state().label(), s.devicePath() != null ? s.devicePath() : s.port(),
                    s.device() == null ? "" : s.device().firmware(), set.frequencyText(), set.bandwidthText(),
                    set.spreadingFactor(), "4/" + set.codingRate(), set.txPower() + " dBm", set.bitrateText(), st.rxFrames(),
                    st.txFrames(), st.lastRssi() == null ? "" : st.lastRssi() + " dBm / " + st.lastSnr() + " dB");
        }
        table.print(out);
        for (LoraRadio r : radios) {
            StatusView.details(out, r.status());
        }
        for (ConfigStatus.Report p : problems) {
            out.println();
            out.println(p.component() + ": invalid configuration, the device is not touched");
            out.println("  " + p.describe());
        }
        return null;
    }
}
