package org.veilor.headscale.command;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.ServerVersion;
import org.veilor.headscale.internal.TierPolicyService;
import org.veilor.headscale.internal.policy.CheckResult;
import org.veilor.headscale.internal.policy.PolicyChecker;
import org.veilor.headscale.internal.policy.PolicyReport;
import org.veilor.headscale.internal.policy.TierModel;
import org.veilor.headscale.internal.policy.TierPolicyRenderer;

/** {@code headscale:policy}: renders the tier policy, evaluates it, shows the results, and pushes it only when every check passes. */
@Command(scope = "headscale", name = "policy", description = "Renders the tier policy for the server's Headscale version (or evaluates --file), "
        + "checks its tests and the tier promises with Veilor's own evaluator, prints the results, and pushes it with --push only when all pass.")
@Service
public class PolicyCommand implements Action {

    @Reference(optional = true)
    TierPolicyService tier;

    @Reference(optional = true)
    HeadscaleClient client;

    @Option(name = "--push", description = "Store the policy in Headscale (policy mode database) when every check passes")
    boolean push;

    @Option(name = "--file", aliases = "-f", description = "Evaluate (and with --push, push) this HuJSON policy file instead of rendering the tier policy")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--out", aliases = "-o", description = "Also write the policy to this file when every check passes (for policy mode file)")
    @Completion(FileCompleter.class)
    String out;

    @Option(name = "--version", aliases = "-v", description = "Render and check for this Headscale version instead of the server's (not with --push)")
    String version;

    @Option(name = "--quiet", aliases = "-q", description = "Print only the check results, not the policy")
    boolean quiet;

    @Override
    public Object execute() throws Exception {
        TierModel model = Commands.tier(tier).settings().model();
        PrintStream console = System.out;
        HeadscaleVersion target;
        String source;
        if (version != null) {
            if (push) {
                throw new IllegalArgumentException("--version renders for another Headscale than the server; drop it to push");
            }
            target = HeadscaleVersion.parse(version);
            source = "given with --version";
        } else {
            ServerVersion sv = Commands.client(client).serverVersion();
            target = sv.version();
            source = sv.source();
        }
        String policy;
        if (file != null) {
            try {
                policy = Files.readString(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("no policy file " + file);
            }
        } else {
            policy = TierPolicyRenderer.render(model, target);
        }
        if (!quiet) {
            console.print(policy);
            console.println();
        }
        PolicyReport report = new PolicyChecker(model).check(policy, target);
        console.println("Checked for Headscale " + target + " (" + source + "):");
        print(report, console);
        if (!report.passed()) {
            throw new IllegalStateException("policy refused: " + report.failed().size() + " of " + report.checks().size()
                    + " checks failed" + (push ? ", nothing was pushed" : "") + report.failureSummary());
        }
        console.println("All " + report.checks().size() + " checks passed.");
        if (out != null) {
            Path target2 = Path.of(out).toAbsolutePath();
            Commands.write(target2, policy, "rw-r--r--");
            console.println("Written to " + target2 + " (reload Headscale to apply: systemctl reload headscale).");
        }
        if (push) {
            client.setPolicy(policy);
            console.println("Pushed to " + client.serverUrl() + " (Headscale " + target + ").");
        }
        return null;
    }

    static void print(PolicyReport report, PrintStream console) {
        ShellTable table = new ShellTable();
        table.column("Check");
        table.column("Result");
        table.column("Detail").maxSize(110).wrap();
        for (CheckResult c : report.checks()) {
            if (c.passed()) {
                table.addRow().addContent(c.name(), "pass", "");
            } else {
                for (int i = 0; i < c.failures().size(); i++) {
                    table.addRow().addContent(i == 0 ? c.name() : "", i == 0 ? "FAIL" : "", c.failures().get(i));
                }
            }
        }
        table.print(console);
        for (String n : report.notes()) {
            console.println("note: " + n);
        }
    }
}
