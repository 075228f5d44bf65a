package org.veilor.headscale.command;

import java.io.PrintStream;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleNode;
import org.veilor.headscale.PreAuthKey;

/** {@code headscale:revoke}: expires a pre-auth key, and with {@code --node} the machine that joined with it. */
@Command(scope = "headscale", name = "revoke", description = "Expires a pre-auth key by ID; with --node also expires the machine registered with it.")
@Service
public class RevokeCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Argument(index = 0, name = "id", required = true, description = "The key's ID (see headscale:keys)")
    @Completion(KeyIdCompleter.class)
    String id;

    @Option(name = "--node", aliases = "-n", description = "Also expire the machine that registered with the key")
    boolean node;

    @Override
    public Object execute() throws Exception {
        HeadscaleClient c = Commands.client(client);
        PreAuthKey key = c.listPreAuthKeys().stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Headscale has no pre-auth key with ID " + id + " (see headscale:keys)"));
        PrintStream out = System.out;
        c.expirePreAuthKey(key);
        out.println("Expired pre-auth key " + key.id() + " (" + key.masked() + ").");
        if (node) {
            Optional<HeadscaleNode> n = c.findNodeByPreAuthKey(key);
            if (n.isEmpty()) {
                out.println("No machine registered with it.");
            } else {
                c.expireNode(n.get().id());
                out.println("Expired node " + n.get().id() + " (" + n.get().name() + "): it must log in again.");
            }
        }
        return null;
    }
}
