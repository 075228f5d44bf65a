package org.veilor.headscale.command;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.PreAuthKey;

/** {@code headscale:keys}: the pre-auth keys, secrets masked. */
@Command(scope = "headscale", name = "keys", description = "Lists Headscale's pre-auth keys with tags, owner, expiration and state; never shows a secret.")
@Service
public class KeysCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Option(name = "--tag", aliases = "-t", description = "Only keys carrying this tag (tag:guest)")
    String tag;

    @Option(name = "--valid", description = "Only keys a node could still join with")
    boolean valid;

    @Override
    public Object execute() throws Exception {
        Instant now = Instant.now();
        List<PreAuthKey> keys = Commands.client(client).listPreAuthKeys().stream()
                .filter(k -> tag == null || k.aclTags().contains(tag))
                .filter(k -> !valid || k.usableAt(now))
                .sorted(Comparator.comparing((PreAuthKey k) -> k.id().length()).thenComparing(PreAuthKey::id))
                .toList();
        ShellTable table = new ShellTable();
        for (String c : new String[] { "ID", "Key", "User", "Tags", "Reusable", "Used", "Expires", "State" }) {
            table.column(c);
        }
        for (PreAuthKey k : keys) {
            table.addRow().addContent(k.id(), k.masked(), k.userName(), String.join(",", k.aclTags()), k.reusable() ? "yes" : "no",
                    k.used() ? "yes" : "no", Commands.date(k.expiration()), state(k, now));
        }
        table.print(System.out);
        return null;
    }

    static String state(PreAuthKey k, Instant now) {
        if (!k.expiration().isAfter(now)) {
            return "expired";
        }
        return k.used() && !k.reusable() ? "used" : "valid";
    }
}
