package org.veilor.core.command;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.veilor.core.Finding;
import org.veilor.core.Severity;
import org.veilor.core.internal.Json;
import org.veilor.core.internal.ReleaseReport;
import org.veilor.core.internal.ReleaseService;

/** {@code veilor:release}: runs every release artefact into one folder and reports the findings. */
@Command(scope = "veilor", name = "release", description = "Runs every installed release producer into one folder, writes release-report.json and prints the findings; fails when any finding is an error.")
@Service
public class ReleaseCommand implements Action {

    /**
     * Optional: Karaf registers a bundle's commands only when every mandatory reference of every
     * command is met, and the release runner is down whenever the release gates are misconfigured;
     * veilor:status must stay available to say why.
     */
    @Reference(optional = true)
    ReleaseService release;

    @Option(name = "--out", aliases = "-o", description = "Release folder (default: release/<stage>/ under the Karaf base). An existing folder is replaced only if it holds an earlier release.")
    @Completion(FileCompleter.class)
    String out;

    @Option(name = "--json", aliases = "-j", description = "Print the release report as JSON instead of text")
    boolean json;

    @Override
    public Object execute() throws Exception {
        if (release == null) {
            throw new IllegalStateException("the release runner is not active (see veilor:status for the failing component)");
        }
        PrintStream console = System.out;
        Path folder = out == null ? release.defaultFolder() : Path.of(out).toAbsolutePath().normalize();
        ReleaseReport report = release.release(folder, json ? line -> {
        } : console::println);
        if (json) {
            console.println(Json.pretty(report));
        } else {
            if (report.artifacts().isEmpty()) {
                console.println("No release producers are installed, so the release holds only its report.");
                console.println("Install concern features (feature:list | grep veilor-) or use the operator profile.");
            }
            for (Finding f : report.findings()) {
                if (!"release.no-producers".equals(f.code())) {
                    console.println(f);
                }
            }
            long errors = count(report, Severity.ERROR);
            long warnings = count(report, Severity.WARNING);
            console.println("Release " + report.stage() + " written to " + report.folder() + " ("
                    + report.artifacts().size() + " producer(s), " + errors + " error(s), " + warnings
                    + " warning(s)); report: release-report.json");
        }
        if (!report.ok()) {
            throw new IllegalStateException("release failed with " + count(report, Severity.ERROR)
                    + " error(s); see " + folder.resolve("release-report.json"));
        }
        return null;
    }

    private static long count(ReleaseReport r, Severity s) {
        return r.findings().stream().filter(f -> f.severity() == s).count();
    }
}
