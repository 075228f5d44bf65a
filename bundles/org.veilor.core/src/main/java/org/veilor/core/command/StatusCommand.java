package org.veilor.core.command;

import java.io.PrintStream;
import java.util.Map;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.internal.Json;
import org.veilor.core.internal.StatusReport;
import org.veilor.core.internal.StatusService;

/** {@code veilor:status}: release stage, host root, profile, veilor features and components. */
@Command(scope = "veilor", name = "status", description = "Shows the release stage, host root, profile, and every veilor feature and component with its state.")
@Service
public class StatusCommand implements Action {

    @Reference
    StatusService status;

    @Option(name = "--json", aliases = "-j", description = "Print the status as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        StatusReport r = status.report();
        PrintStream out = System.out;
        if (json) {
            out.println(Json.pretty(r));
            return null;
        }
        out.println("release   " + r.release() + " (public ISO: " + (r.publicIso() ? "yes" : "no")
                + ", external guest-ACL blocker: " + (r.guestAclBlockerFixed() ? "fixed" : "open") + ")");
        out.println("host root " + r.hostRoot());
        out.println("profile   " + r.profile().name() + " (" + r.profile().lastResult() + ")");
        for (Map.Entry<String, String> e : r.profile().skipped().entrySet()) {
            out.println("          skipped " + e.getKey() + ": " + e.getValue());
        }
        out.println("database  " + r.database());
        out.println("vector    " + r.vectorApi());
        for (StatusReport.Summary s : r.summaries()) {
            out.println(String.format("%-9s %s", s.label(), s.line()));
        }
        out.println();
        ShellTable features = new ShellTable();
        features.column("Feature");
        features.column("Version");
        features.column("Installed");
        features.column("By profile");
        for (StatusReport.FeatureState f : r.features()) {
            features.addRow().addContent(f.name(), f.version(), f.installed() ? "yes" : "no",
                    r.profile().installedByProfile().contains(f.name()) ? "yes" : "");
        }
        features.print(out);
        out.println();
        ShellTable components = new ShellTable();
        components.column("Component");
        components.column("PID");
        components.column("State");
        components.column("Detail").maxSize(120).wrap();
        for (StatusReport.ComponentState c : r.components()) {
            components.addRow().addContent(c.name(), c.pid(), c.state(), c.detail());
        }
        components.print(out);
        return null;
    }
}
