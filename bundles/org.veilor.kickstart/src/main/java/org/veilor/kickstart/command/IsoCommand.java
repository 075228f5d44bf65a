package org.veilor.kickstart.command;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.veilor.core.Host;
import org.veilor.core.ReleaseGates;
import org.veilor.kickstart.KickstartService;
import org.veilor.kickstart.internal.BootstrapIso;
import org.veilor.kickstart.internal.IsoBuilder;
import org.veilor.kickstart.internal.IsoException;

/** {@code kickstart:iso}: the bootstrap ISO from a Fedora netinstall ISO, with xorriso and mtools. */
@Command(scope = "kickstart", name = "iso", description = "Builds the bootstrap ISO: a copy of a Fedora netinstall ISO with install.ks in its root and inst.ks=hd:LABEL=<volume id>:/install.ks on every boot entry (BIOS GRUB, EFI GRUB, and the GRUB inside the EFI boot image). Keeps the volume id and both El Torito boot records; never modifies the base ISO.")
@Service
public class IsoCommand implements Action {

    @Reference(optional = true)
    KickstartService kickstart;

    @Reference(optional = true)
    ReleaseGates gates;

    @Reference(optional = true)
    Host host;

    @Option(name = "--base", aliases = "-b", required = true, description = "The Fedora netinstall ISO to start from (only read)")
    @Completion(FileCompleter.class)
    String base;

    @Option(name = "--out", aliases = "-o", required = true, description = "The bootstrap ISO to write")
    @Completion(FileCompleter.class)
    String out;

    @Option(name = "--label", aliases = "-l", description = "A new volume id (1-32 letters, digits, '.', '_', '-'); every hd:LABEL= follows. Default: keep the base ISO's")
    String label;

    @Option(name = "--kickstart", aliases = "-k", description = "Embed this kickstart file instead of the rendered install.ks (it must validate)")
    @Completion(FileCompleter.class)
    String kickstartFile;

    @Option(name = "--force", aliases = "-f", description = "Replace --out if it exists")
    boolean force;

    @Override
    public Object execute() throws Exception {
        if (host == null || gates == null) {
            throw new IllegalStateException("the host seam or the release gates are not active (see veilor:status)");
        }
        if (label != null && !label.matches("[A-Za-z0-9_.-]{1,32}")) {
            throw new IllegalArgumentException("--label '" + label + "' is not a volume id: 1-32 letters, digits, '.', '_' or '-'");
        }
        PrintStream console = System.out;
        try {
            BootstrapIso.checkGate(gates);
            String text;
            String source;
            if (kickstartFile != null) {
                Path ks = Path.of(kickstartFile).toAbsolutePath().normalize();
                if (!Files.isRegularFile(ks)) {
                    throw new IsoException("no such kickstart file: " + ks);
                }
                text = Files.readString(ks, StandardCharsets.UTF_8);
                source = ks.toString();
            } else {
                if (kickstart == null) {
                    throw new IsoException("kickstart is not active: its configuration (PID org.veilor.kickstart) is invalid, see veilor:status");
                }
                text = kickstart.render().text();
                source = KickstartService.INSTALL_KS;
            }
            BootstrapIso.checkKickstart(text, source, gates.stage());
            IsoBuilder.Result r = new IsoBuilder(host).build(Path.of(base).toAbsolutePath().normalize(),
                    Path.of(out).toAbsolutePath().normalize(), Optional.ofNullable(label), text, force, console::println);
            console.println("Bootstrap ISO " + r.iso() + ": volume id " + r.volumeId() + ", boot records " + r.platforms());
            r.entries().forEach((cfg, n) -> console.println("  " + cfg + ": " + n + " boot entr" + (n == 1 ? "y" : "ies")
                    + " load install.ks"));
            return null;
        } catch (IsoException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
