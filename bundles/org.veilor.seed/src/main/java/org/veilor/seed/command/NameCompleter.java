package org.veilor.seed.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.veilor.seed.Seeder;

/** Completes the names this node binds, as service/name. */
@Service
public class NameCompleter implements Completer {

    @Reference(optional = true)
    Seeder seeder;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        Seeder s = seeder;
        if (s == null) {
            return -1;
        }
        return new StringsCompleter(s.names()).complete(session, commandLine, candidates);
    }
}
