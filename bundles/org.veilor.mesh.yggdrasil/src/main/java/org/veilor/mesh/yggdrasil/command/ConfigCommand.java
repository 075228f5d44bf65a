package org.veilor.mesh.yggdrasil.command;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.veilor.mesh.yggdrasil.internal.ConfigProblem;
import org.veilor.mesh.yggdrasil.internal.YggVersion;
import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;

/** {@code ygg:config}: the yggdrasil.conf this node writes, or every reason it cannot. */
@Command(scope = "ygg", name = "config", description = "Renders this node's yggdrasil.conf from PID org.veilor.mesh.yggdrasil (the 0.4 dialect's inline private key left out) for the installed yggdrasil, or for a dialect; lists every problem that stops it.")
@Service
public class ConfigCommand implements Action {

    @Reference(optional = true)
    YggdrasilNode node;

    @Option(name = "--dialect", aliases = "-d", description = "Render for this dialect instead of the installed release: 0.4 or 0.5")
    @Completion(value = StringsCompleter.class, values = { "0.4", "0.5" })
    String dialect;

    @Override
    public Object execute() throws Exception {
        YggdrasilNode n = Nodes.require(node, "ygg:config");
        Optional<YggVersion.Dialect> d;
        if (dialect == null) {
            d = Optional.empty();
        } else if (dialect.equals("0.4")) {
            d = Optional.of(YggVersion.Dialect.V0_4);
        } else if (dialect.equals("0.5")) {
            d = Optional.of(YggVersion.Dialect.V0_5);
        } else {
            throw new IllegalArgumentException("--dialect is 0.4 or 0.5, not '" + dialect + "'");
        }
        YggdrasilNode.Preview p = n.preview(d);
        PrintStream out = System.out;
        if (p.blocker() != null) {
            throw new IllegalStateException(p.blocker());
        }
        if (!p.problems().isEmpty()) {
            out.println("yggdrasil.conf cannot be written for yggdrasil " + p.version().text() + ":");
            for (ConfigProblem problem : p.problems()) {
                out.println("  - " + problem);
            }
            throw new IllegalStateException(p.problems().size() + (p.problems().size() == 1 ? " problem" : " problems")
                    + " in PID org.veilor.mesh.yggdrasil for yggdrasil " + p.version().text());
        }
        out.println("# " + n.settings().configPath() + " for yggdrasil " + p.version().text() + " ("
                + p.version().dialect().label() + " dialect)");
        out.print(p.text());
        return null;
    }
}
