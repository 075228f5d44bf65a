package org.veilor.mesh.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.mesh.MeshReport;
import org.veilor.mesh.MeshSupervisor;

/** {@code mesh:floors}: the three threat floors, what survives each, whether it holds now and why. */
@Command(scope = "mesh", name = "floors", description = "Shows the three threat floors: the attack, what survives it, whether it holds now and why, and from which release the strategy promises it.")
@Service
public class MeshFloorsCommand implements Action {

    @Reference(optional = true)
    MeshSupervisor supervisor;

    @Option(name = "--json", aliases = "-j", description = "Print the floors as JSON")
    boolean json;

    @Option(name = "--refresh", aliases = "-r", description = "Probe every layer now before assessing")
    boolean refresh;

    @Override
    public Object execute() throws Exception {
        MeshReport r = MeshStatusCommand.report(supervisor, refresh);
        PrintStream out = System.out;
        if (json) {
            out.println(ReportJson.floors(r));
            return null;
        }
        ReportTables.header(r, out);
        out.println();
        ReportTables.floors(r, out, true);
        return null;
    }
}
