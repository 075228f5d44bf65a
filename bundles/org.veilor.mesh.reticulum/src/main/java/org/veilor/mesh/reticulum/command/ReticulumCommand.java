package org.veilor.mesh.reticulum.command;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Consumer;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.mesh.reticulum.internal.ReticulumControl;
import org.veilor.mesh.reticulum.internal.RetinetSource;
import org.veilor.rnode.FieldCheck;

/**
 * {@code mesh:reticulum status|start|stop|config|check-radio|source}: the L3c layer on request.
 * rnsd never starts by itself; {@code start} hands the radio's port to it first, {@code stop} takes
 * it back after.
 */
@Command(scope = "mesh", name = "reticulum", description = "L3c (Reticulum over LoRa, opt-in): status; start or stop rnsd on request (start checks the RNode field by field, writes the config and hands the radio's port to rnsd first; stop takes the port back after); config prints (or --write writes) the Reticulum config; check-radio compares the radio with the device field by field; source prints where ujust install-reticulum takes RetiNet from.")
@Service
public class ReticulumCommand implements Action {

    // Optional: the control exists only with the node's L3c configuration; a mandatory reference
    // would hide the command on the operator, where the bundle is installed for its contributions.
    @Reference(optional = true)
    ReticulumControl control;

    @Argument(index = 0, name = "action", required = false,
            description = "status (default), start, stop, config, check-radio or source")
    @Completion(value = StringsCompleter.class, values = { "status", "start", "stop", "config", "check-radio", "source" })
    String action = "status";

    @Option(name = "--write", description = "With config: write it to /var/lib/reticulum/config (atomically) instead of printing it")
    boolean write;

    @Override
    public Object execute() throws Exception {
        if (control == null) {
            throw new IllegalStateException("the L3c layer is not configured on this instance (PID org.veilor.mesh.reticulum):"
                    + " mesh:reticulum runs on a node that opted in; see veilor:status");
        }
        PrintStream out = System.out;
        Consumer<String> progress = line -> out.println("  " + line);
        switch (action) {
            case "status" -> status(out);
            case "start" -> {
                out.println("Starting rnsd...");
                control.start(progress);
                out.println("rnsd runs; mesh:status shows L3c and floor (iii)");
            }
            case "stop" -> {
                out.println("Stopping rnsd...");
                control.stop(progress);
                out.println("rnsd is stopped");
            }
            case "config" -> {
                if (write) {
                    out.println("wrote " + control.writeConfig());
                } else {
                    out.print(control.render());
                }
            }
            case "check-radio" -> checkRadio(out);
            case "source" -> source(out);
            default -> throw new IllegalArgumentException("unknown action '" + action
                    + "': use status, start, stop, config, check-radio or source");
        }
        return null;
    }

    private void status(PrintStream out) {
        ShellTable t = new ShellTable();
        t.noHeaders();
        t.column("What");
        t.column("State").maxSize(110).wrap();
        for (String[] row : control.statusRows()) {
            t.addRow().addContent(row[0], row[1]);
        }
        t.print(out);
    }

    private void checkRadio(PrintStream out) throws Exception {
        List<FieldCheck> checks = control.checkRadio();
        ShellTable t = new ShellTable();
        t.column("Field");
        t.column("Asked");
        t.column("Device");
        t.column("Verdict");
        t.column("Note").maxSize(70).wrap();
        for (FieldCheck c : checks) {
            t.addRow().addContent(c.field(), c.asked(), c.reported(), c.verdict().name().toLowerCase(java.util.Locale.ROOT),
                    c.note());
        }
        t.print(out);
        List<FieldCheck> bad = checks.stream().filter(c -> !c.verdict().accepted()).toList();
        if (!bad.isEmpty()) {
            throw new IllegalStateException(bad.size() + " field(s) of the RNode do not match its configuration: "
                    + String.join("; ", bad.stream().map(FieldCheck::describe).toList()));
        }
        out.println("The RNode holds its configuration: rnsd may be started on it (mesh:reticulum start).");
    }

    /** {@code key=value} lines, read by ujust install-reticulum. */
    private void source(PrintStream out) {
        RetinetSource s = control.source();
        out.println("retinet.repository=" + s.repository());
        out.println("retinet.version=" + s.version());
        out.println("sideband.repository=" + s.sidebandRepository());
        out.println("sideband.version=" + s.sidebandVersion());
    }
}
