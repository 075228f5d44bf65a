package org.veilor.image.command;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.core.Finding;
import org.veilor.image.internal.ImageService;

/** {@code image:render}: writes the BlueBuild repository tree from every contribution and lints it. */
@Command(scope = "image", name = "render", description = "Writes the veilor-os BlueBuild repository tree (recipe, files, justfiles, units, firewalld zones, node runtime, publish workflow) from every installed contribution, then lints it.")
@Service
public class RenderCommand implements Action {

    /** Optional: the image component is down while its configuration is invalid (veilor:status says why). */
    @Reference(optional = true)
    ImageService image;

    @Option(name = "--out", aliases = "-o", description = "Folder to write (default: renderFolder of org.veilor.image). An existing folder is replaced only if it holds an earlier render; its .git is kept.")
    @Completion(FileCompleter.class)
    String out;

    @Override
    public Object execute() throws Exception {
        ImageService svc = Commands.require(image);
        PrintStream console = System.out;
        Path folder = out == null ? svc.settings().renderFolder() : Path.of(out).toAbsolutePath().normalize();
        List<Finding> findings = svc.render(folder, console::println);
        long errors = Findings.print(console, findings);
        if (errors > 0) {
            throw Findings.failure("image:render of " + folder, findings);
        }
        console.println("Rendered " + svc.settings().reference() + " into " + folder + " ("
                + svc.contributions().size() + " contribution(s), " + Findings.counts(findings) + ")");
        return null;
    }
}
