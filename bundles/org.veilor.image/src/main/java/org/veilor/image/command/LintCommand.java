package org.veilor.image.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.core.Finding;
import org.veilor.image.internal.ImageService;

/** {@code image:lint [DIR]}: checks a BlueBuild tree against the schema and the strategy's rules. */
@Command(scope = "image", name = "lint", description = "Checks a BlueBuild repository tree: the BlueBuild recipe schema, Trivalent default, Thorium only via ujust, sudo/Xwayland restored, tailscaled and Reticulum not enabled, yggdrasil-go not Fedora's yggdrasil, no secrets, base image, signing (the policy nodes get must require the image's own signature) and workflow. Fails on any error.")
@Service
public class LintCommand implements Action {

    @Reference(optional = true)
    ImageService image;

    @Argument(index = 0, name = "dir", required = false, description = "The tree to check (default: renderFolder of org.veilor.image)")
    @Completion(FileCompleter.class)
    String dir;

    @Override
    public Object execute() throws Exception {
        ImageService svc = Commands.require(image);
        PrintStream console = System.out;
        Path tree = dir == null ? svc.settings().renderFolder() : Path.of(dir).toAbsolutePath().normalize();
        List<Finding> findings = svc.lint(tree);
        long errors = Findings.print(console, findings);
        console.println("Linted " + tree + ": " + Findings.counts(findings));
        if (errors > 0) {
            throw Findings.failure("image:lint of " + tree, findings);
        }
        return null;
    }
}
