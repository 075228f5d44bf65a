package org.veilor.image.command;

import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.image.internal.ImageService;

/** {@code image:build}: renders, lints, and runs the bluebuild CLI when it is installed. */
@Command(scope = "image", name = "build", description = "Renders and lints the tree, then builds the image with the bluebuild CLI (streaming its output) when bluebuild is installed; otherwise says where the tree is.")
@Service
public class BuildCommand implements Action {

    @Reference(optional = true)
    ImageService image;

    @Option(name = "--out", aliases = "-o", description = "Folder of the tree (default: renderFolder of org.veilor.image)")
    @Completion(FileCompleter.class)
    String out;

    @Option(name = "--push", description = "Push the built image (bluebuild build --push; needs registry credentials and the signing key in the environment)")
    boolean push;

    @Override
    public Object execute() throws Exception {
        ImageService svc = Commands.require(image);
        PrintStream console = System.out;
        Path folder = out == null ? svc.settings().renderFolder() : Path.of(out).toAbsolutePath().normalize();
        ImageService.BuildOutcome outcome = svc.build(folder, push, console::println);
        long errors = Findings.print(console, outcome.findings());
        if (errors > 0) {
            throw Findings.failure("image:build", outcome.findings());
        }
        console.println(outcome.message());
        return null;
    }
}
