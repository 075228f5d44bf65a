package org.veilor.mesh.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

/** {@code mesh:status}: every layer with its state, the three floors with reasons, the failover mode. */
@Command(scope = "mesh", name = "status", description = "Shows every mesh layer (L3a/L3b/L3c) with its state, the three threat floors (holds or not, and why) and the failover mode.")
@Service
public class MeshStatusCommand implements Action {

    // Optional: the supervisor is published only with a valid configuration, and a mandatory
    // reference would hide every mesh command while it is not.
    @Reference(optional = true)
    MeshSupervisor supervisor;

    @Option(name = "--json", aliases = "-j", description = "Print the status as JSON")
    boolean json;

    @Option(name = "--refresh", aliases = "-r", description = "Probe every layer now instead of showing the last probe")
    boolean refresh;

    @Override
    public Object execute() throws Exception {
        MeshReport r = report(supervisor, refresh);
        PrintStream out = System.out;
        if (json) {
            out.println(ReportJson.status(r));
            return null;
        }
        ReportTables.header(r, out);
        out.println();
        ReportTables.layers(r, out);
        out.println();
        ReportTables.floors(r, out, false);
        out.println();
        ReportTables.failover(r, out);
        return null;
    }

    static MeshReport report(MeshSupervisor supervisor, boolean refresh) throws InterruptedException {
        if (supervisor == null) {
            throw new IllegalStateException(
                    "the mesh supervisor is not active (PID org.veilor.mesh): see veilor:status for why");
        }
        return refresh ? supervisor.refresh() : supervisor.report();
    }
}
