package org.veilor.headscale.command;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleNode;

/** {@code headscale:nodes}: the registered machines and the key each joined with. */
@Command(scope = "headscale", name = "nodes", description = "Lists the machines registered with Headscale, their tags, addresses and the pre-auth key each joined with.")
@Service
public class NodesCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Override
    public Object execute() throws Exception {
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        for (String c : new String[] { "ID", "Name", "User", "Tags", "Addresses", "Key ID", "Online", "Expires" }) {
            table.column(c);
        }
        for (HeadscaleNode n : Commands.client(client).listNodes()) {
            table.addRow().addContent(n.id(), n.givenName().isEmpty() ? n.name() : n.givenName(), n.user() == null ? "" : n.user().name(),
                    String.join(",", n.tags()), String.join(" ", n.ipAddresses()), n.preAuthKeyId() == null ? "" : n.preAuthKeyId(),
                    n.online() ? "yes" : "no", n.expiredAt(now) ? "expired" : n.expiry() == null ? "" : Commands.date(n.expiry()));
        }
        table.print(System.out);
        return null;
    }
}
