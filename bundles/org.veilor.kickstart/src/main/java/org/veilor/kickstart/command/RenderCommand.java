package org.veilor.kickstart.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.core.Finding;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.RenderedKickstart;

/** {@code kickstart:render}: prints or writes the bootstrap install.ks; refuses one that does not validate. */
@Command(scope = "kickstart", name = "render", description = "Renders the bootstrap install.ks from PID org.veilor.kickstart, validates it at this instance's release stage, and prints it or writes it to a file. Fails (and writes nothing) when it does not validate.")
@Service
public class RenderCommand implements Action {

    /** Optional: the kickstart service is withdrawn while its configuration is invalid. */
    @Reference(optional = true)
    KickstartService kickstart;

    @Option(name = "--out", aliases = "-o", description = "Write install.ks to this file (replaced atomically) instead of printing it")
    @Completion(FileCompleter.class)
    String out;

    @Override
    public Object execute() throws Exception {
        if (kickstart == null) {
            throw new IllegalStateException(
                    "kickstart is not active: its configuration (PID org.veilor.kickstart) is invalid, see veilor:status");
        }
        PrintStream console = System.out;
        RenderedKickstart r = kickstart.render();
        if (!r.ok()) {
            r.findings().forEach(console::println);
            throw new IllegalStateException("install.ks does not validate ("
                    + r.findings().stream().filter(Finding::isError).count() + " error(s)); nothing written");
        }
        if (out == null) {
            console.print(r.text());
            return null;
        }
        Path file = Path.of(out).toAbsolutePath().normalize();
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        Files.writeString(tmp, r.text(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        r.findings().forEach(console::println);
        console.println("install.ks written to " + file + " (" + r.text().lines().count() + " lines)");
        return null;
    }
}
