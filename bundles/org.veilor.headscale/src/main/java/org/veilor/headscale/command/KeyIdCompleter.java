package org.veilor.headscale.command;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleException;
import org.veilor.headscale.PreAuthKey;

/** Completes pre-auth key IDs from the server (nothing when it is unreachable or not configured). */
@Service
public class KeyIdCompleter implements Completer {

    @Reference(optional = true)
    HeadscaleClient client;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        if (client != null) {
            try {
                client.listPreAuthKeys().stream().map(PreAuthKey::id).forEach(ids.getStrings()::add);
            } catch (HeadscaleException e) {
                // completion offers nothing rather than an error
            }
        }
        return ids.complete(session, commandLine, candidates);
    }
}
