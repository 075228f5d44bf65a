package org.veilor.update.command;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.Finding;
import org.veilor.update.UpdateReport;
import org.veilor.update.UpdateService;

/** How the update:* commands print a report (text or JSON) and fail when the operation did not happen. */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    static UpdateService require(UpdateService service, String command) {
        if (service == null) {
            throw new IllegalStateException("updates are not configured on this instance (PID org.veilor.update): " + command
                    + " runs on a node; see veilor:status");
        }
        return service;
    }

    /**
     * Prints the report; throws when the operation was not done, so a script sees a failure (the
     * report, with the findings saying why, is printed first).
     */
    static void print(UpdateReport r, boolean json, PrintStream out) throws Exception {
        if (json) {
            out.println(JSON.writeValueAsString(new Json(r)));
        } else {
            text(r, out);
        }
        if (!r.done()) {
            Finding why = r.findings().stream().filter(Finding::isError).findFirst()
                    .orElse(r.findings().isEmpty() ? null : r.findings().get(0));
            throw new IllegalStateException("update:" + r.operation() + " did not complete"
                    + (why == null ? "" : ": " + why.message()));
        }
    }

    /** The JSON shape: the report with its timestamps as ISO-8601 text. */
    record Json(String operation, boolean done, String at, String configuredImage, UpdateReport.Deployment booted,
            UpdateReport.Deployment staged, UpdateReport.Deployment rollback, boolean rollbackQueued,
            UpdateReport.Available available, WatchJson watch, java.util.List<Finding> findings) {

        Json(UpdateReport r) {
            this(r.operation(), r.done(), String.valueOf(r.at()), r.configuredImage(), r.booted(), r.staged(), r.rollback(),
                    r.rollbackQueued(), r.available(), r.watch() == null ? null : new WatchJson(r.watch()), r.findings());
        }
    }

    record WatchJson(String digest, String since, String deadline, java.util.List<String> problems) {
        WatchJson(UpdateReport.Watch w) {
            this(w.digest(), String.valueOf(w.since()), String.valueOf(w.deadline()), w.problems());
        }
    }

    private static void text(UpdateReport r, PrintStream out) {
        out.println("image     " + r.configuredImage() + " (configured)");
        ShellTable t = new ShellTable();
        t.column("Deployment");
        t.column("Image").maxSize(50);
        t.column("Version");
        t.column("Digest");
        t.column("Built");
        t.column("Pinned");
        t.column("Serial");
        t.column("Signature").maxSize(70).wrap();
        row(t, "booted", r.booted());
        row(t, "staged", r.staged());
        row(t, r.rollbackQueued() ? "rollback (boots next)" : "rollback", r.rollback());
        t.print(out);
        UpdateReport.Available a = r.available();
        if (a != null) {
            out.println("update    " + (a.version() == null ? "" : a.version() + " ") + a.digest()
                    + (a.staged() ? " (staged)" : a.markedBad() != null ? " (" + a.markedBad() + ")" : " (available)"));
        }
        if (r.watch() != null) {
            out.println("watching  " + r.watch().digest() + " since " + r.watch().since() + ", rolled back at "
                    + r.watch().deadline() + " unless healthy: " + String.join("; ", r.watch().problems()));
        }
        if (!r.findings().isEmpty()) {
            out.println();
            r.findings().forEach(f -> out.println(f));
        }
    }

    private static void row(ShellTable t, String which, UpdateReport.Deployment d) {
        if (d == null) {
            return;
        }
        String digest = d.digest() == null ? "-" : d.digest().length() > 19 ? d.digest().substring(0, 19) + "…" : d.digest();
        t.addRow().addContent(which, d.image() == null ? "-" : d.image(), d.version() == null ? "-" : d.version(), digest,
                d.timestamp() == null ? "-" : d.timestamp(), d.pinned() ? "yes" : "no",
                d.deploySerial() == null ? "-" : d.deploySerial().toString(),
                d.signature().state() + ": " + d.signature().detail());
    }
}
