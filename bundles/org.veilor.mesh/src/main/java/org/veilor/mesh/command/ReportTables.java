package org.veilor.mesh.command;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.mesh.Floor;
import org.veilor.mesh.FloorAssessment;
import org.veilor.mesh.LayerReport;
import org.veilor.mesh.MeshReport;

/** The text form of a {@link MeshReport}: a layers table, a floors table, the failover lines. */
final class ReportTables {

    private ReportTables() {
    }

    static void header(MeshReport r, PrintStream out) {
        out.println("Mesh at release " + r.stage().label() + ", probed every " + r.probeSeconds() + " s"
                + (r.lastProbe() == null ? " (first probe pending)" : " (last probe " + time(r.lastProbe()) + ")"));
    }

    static void layers(MeshReport r, PrintStream out) {
        if (r.layers().isEmpty()) {
            out.println("No mesh layer is installed (feature veilor-mesh brings L3a; L3b and L3c come with their bundles).");
            return;
        }
        ShellTable t = new ShellTable();
        t.column("Layer");
        t.column("Id");
        t.column("State");
        t.column("Since");
        t.column("Floors");
        t.column("Detail").maxSize(100).wrap();
        for (LayerReport l : r.layers()) {
            String floors = l.floors().isEmpty() ? "-"
                    : l.floors().stream().sorted().map(Floor::toString).collect(Collectors.joining(" "));
            t.addRow().addContent(l.kind().label() + " " + l.kind().technology(), l.id(), l.stateLabel(), time(l.since()),
                    floors, l.detail());
        }
        t.print(out);
    }

    static void floors(MeshReport r, PrintStream out, boolean withSurvivesBy) {
        ShellTable t = new ShellTable();
        t.column("Floor");
        t.column("Attack");
        t.column("Holds");
        t.column("Promised");
        if (withSurvivesBy) {
            t.column("Survives by").maxSize(60).wrap();
        }
        t.column("Why").maxSize(100).wrap();
        for (FloorAssessment f : r.floors()) {
            String promised = f.promised() ? "yes (from " + f.floor().promisedFrom().label() + ")"
                    : "from " + f.floor().promisedFrom().label();
            String holds = f.holds() ? "yes" : f.breached() ? "NO (promise broken)" : "no";
            if (withSurvivesBy) {
                t.addRow().addContent(f.floor().toString(), f.floor().attack(), holds, promised, f.floor().survivesBy(),
                        f.reason());
            } else {
                t.addRow().addContent(f.floor().toString(), f.floor().attack(), holds, promised, f.reason());
            }
        }
        t.print(out);
    }

    static void failover(MeshReport r, PrintStream out) {
        out.println("Failover: " + r.failover().mode() + " at " + r.stage().label() + " — " + r.failover().summary());
        if (!r.failover().promoted().isEmpty()) {
            out.println("  promoted by the supervisor: " + String.join(", ", r.failover().promoted()));
        }
        if (!r.failover().lastAction().isEmpty()) {
            out.println("  last: " + r.failover().lastAction()
                    + (r.failover().lastActionAt() == null ? "" : " (" + time(r.failover().lastActionAt()) + ")"));
        }
    }

    private static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
