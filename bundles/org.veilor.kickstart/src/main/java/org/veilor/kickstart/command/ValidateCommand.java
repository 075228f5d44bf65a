package org.veilor.kickstart.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.core.Finding;
import org.veilor.core.ReleaseGates;
import org.veilor.core.ReleaseStage;
import org.veilor.core.Severity;
import org.veilor.kickstart.IncludeResolver;
import org.veilor.kickstart.KickstartValidator;

/** {@code kickstart:validate}: the Fedora 43 table and the strategy's rules, findings with line numbers. */
@Command(scope = "kickstart", name = "validate", description = "Validates a kickstart file: the Fedora 43 command table (like ksvalidator -v F43) and the strategy's rules for a veilor install. Prints the findings with file:line and fails when any is an error.")
@Service
public class ValidateCommand implements Action {

    /** Optional: only the default release stage comes from it. */
    @Reference(optional = true)
    ReleaseGates gates;

    @Argument(index = 0, name = "file", required = true, description = "The kickstart file; %include files beside it are followed")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--release", aliases = "-r", description = "Release stage the install is for (v0.5, v0.7, v0.8, v1.0); default: this instance's stage")
    @Completion(value = StringsCompleter.class, values = { "v0.5", "v0.7", "v0.8", "v1.0" })
    String release;

    @Option(name = "--f43-only", description = "Check only the Fedora 43 command table, not the strategy's rules")
    boolean f43Only;

    @Override
    public Object execute() throws Exception {
        Path path = Path.of(file).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        ReleaseStage stage;
        if (release != null) {
            stage = ReleaseStage.parse(release);
        } else if (gates != null) {
            stage = gates.stage();
        } else {
            throw new IllegalStateException("the release gates are not active: give the stage with --release");
        }
        String text = Files.readString(path, StandardCharsets.UTF_8);
        KickstartValidator.Options options = new KickstartValidator.Options(stage, !f43Only, IncludeResolver.files(path));
        List<Finding> findings = KickstartValidator.validate(text, path.toString(), options);
        PrintStream out = System.out;
        if (!findings.isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("Severity");
            table.column("Where");
            table.column("Code");
            table.column("Message").maxSize(100).wrap();
            for (Finding f : findings) {
                table.addRow().addContent(f.severity(), f.location() == null ? "" : f.location(), f.code(), f.message());
            }
            table.print(out);
        }
        long errors = findings.stream().filter(Finding::isError).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.println(path.getFileName() + ": " + errors + " error(s), " + warnings + " warning(s) ("
                + (f43Only ? "Fedora 43 table" : "Fedora 43 table and strategy rules at " + stage.label()) + ")");
        if (errors > 0) {
            throw new IllegalArgumentException(path.getFileName() + " does not validate: " + errors + " error(s)");
        }
        return null;
    }
}
