package org.veilor.headscale.command;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.headscale.HeadscaleClient;
import org.veilor.headscale.HeadscaleVersion;
import org.veilor.headscale.PreAuthKey;
import org.veilor.headscale.Ttl;
import org.veilor.headscale.internal.KeyMinter;
import org.veilor.headscale.internal.PolicySettings;
import org.veilor.headscale.internal.TierPolicyService;

/** {@code headscale:mint}: mints a pre-auth key and prints it once. */
@Command(scope = "headscale", name = "mint", description = "Mints a Headscale pre-auth key and prints it once; Veilor does not store it.")
@Service
public class MintCommand implements Action {

    @Reference(optional = true)
    HeadscaleClient client;

    @Reference(optional = true)
    TierPolicyService tier;

    @Option(name = "--tags", aliases = "-t", description = "Comma-separated tags, each tag:<lowercase> (tag:guest)")
    String tags = "";

    @Option(name = "--ttl", description = "Lifetime: 30m, 24h, 90d or ISO-8601 (PT24H)")
    String ttl = "1h";

    @Option(name = "--reusable", description = "Let several machines join with the key until it expires")
    boolean reusable;

    @Option(name = "--ephemeral", description = "Machines joining with it are removed when they go offline")
    boolean ephemeral;

    @Option(name = "--user", aliases = "-u", description = "Owning user (required before Headscale 0.28 unless taggedKeyUser is configured)")
    String user;

    @Override
    public Object execute() throws Exception {
        HeadscaleClient c = Commands.client(client);
        List<String> tagList = PolicySettings.tags(tags);
        Duration lifetime = Ttl.parse(ttl);
        HeadscaleVersion v = c.serverVersion().version();
        String owner = user;
        if ((owner == null || owner.isBlank()) && v.keysNeedUser() && tier != null && !tier.settings().taggedKeyUser().isEmpty()) {
            owner = tier.settings().taggedKeyUser();
        }
        if ((owner == null || owner.isBlank()) && (v.keysNeedUser() || tagList.isEmpty())) {
            throw new IllegalArgumentException(tagList.isEmpty() ? "give --tags or --user: a key needs one or the other"
                    : "Headscale " + v + " needs a user for every pre-auth key: give --user or configure taggedKeyUser");
        }
        PreAuthKey key = KeyMinter.mint(c, owner, tagList, lifetime, reusable, ephemeral);
        PrintStream out = System.out;
        out.println("Pre-auth key " + key.id() + (key.aclTags().isEmpty() ? "" : " tagged " + String.join(",", key.aclTags()))
                + (key.userName().isEmpty() ? "" : " for user " + key.userName()) + ", " + (key.reusable() ? "reusable" : "single use")
                + ", valid until " + Commands.date(key.expiration()) + ".");
        out.println("Shown once; Veilor does not store it:");
        out.println(key.key());
        return null;
    }
}
