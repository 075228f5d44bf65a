package org.veilor.rnode.command;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.LoraRadio;
import org.veilor.rnode.LoraSettings;
import org.veilor.rnode.RadioStatus;
import org.veilor.rnode.internal.RNodeManager;

/** {@code rnode:config}: a radio's configuration field by field against what the device confirmed. */
@Command(scope = "rnode", name = "config", description = "Shows each radio's configuration field by field next to what the device confirmed at its last verification (ok, clamped, quantised, mismatch), with the on-air bit rate. --check asks the device now. Change a radio with config:edit on its factory configuration (org.veilor.rnode.radio~NAME).")
@Service
public class ConfigCommand implements Action {

    @Reference
    RNodeManager manager;

    @Argument(index = 0, name = "radio", required = false, description = "Only this radio")
    String radio;

    @Option(name = "--check", description = "Query the device now (the radio must be up) instead of showing the last verification")
    boolean check;

    @Override
    public Object execute() throws Exception {
        List<LoraRadio> radios = radio == null ? manager.radios() : List.of(manager.pick(radio));
        PrintStream out = System.out;
        if (radios.isEmpty()) {
            out.println("No radio is configured (factory PID org.veilor.rnode.radio).");
            return null;
        }
        boolean mismatch = false;
        for (LoraRadio r : radios) {
            RadioStatus s = r.status();
            List<FieldCheck> checks = check ? r.checkDevice() : s.checks();
            LoraSettings asked = s.requested();
            out.println(s.name() + " (" + s.configurationPid() + "), " + s.state().label() + ", port " + s.port());
            out.println("  on-air bit rate " + asked.bitrateText() + " as configured"
                    + (s.verified() == null ? "" : ", " + s.verified().bitrateText() + " as verified")
                    + "; flow control " + (s.flowControl() ? "on" : "off"));
            ShellTable table = new ShellTable();
            table.column("Field");
            table.column("Configured");
            table.column(check ? "Device now" : "Device (last verified)");
            table.column("Verdict");
            table.column("Note").maxSize(70).wrap();
            if (checks.isEmpty()) {
                for (String[] row : rows(asked)) {
                    table.addRow().addContent(row[0], row[1], "(not verified yet)", "", "");
                }
            }
            for (FieldCheck c : checks) {
                mismatch |= !c.verdict().accepted();
                table.addRow().addContent(c.field(), c.asked(), c.reported(), c.verdict().name().toLowerCase(java.util.Locale.ROOT), c.note());
            }
            table.print(out);
            out.println();
        }
        if (check && mismatch) {
            throw new IllegalStateException("the device does not run the configured values (see the mismatch rows)");
        }
        return null;
    }

    private static String[][] rows(LoraSettings s) {
        return new String[][] { { "frequency", s.frequency() + " Hz" }, { "bandwidth", s.bandwidth() + " Hz" },
            { "txPower", s.txPower() + " dBm" }, { "spreadingFactor", String.valueOf(s.spreadingFactor()) },
            { "codingRate", String.valueOf(s.codingRate()) }, { "airtimeLimitShort", s.airtimeLimitShort() + " %" },
            { "airtimeLimitLong", s.airtimeLimitLong() + " %" } };
    }
}
