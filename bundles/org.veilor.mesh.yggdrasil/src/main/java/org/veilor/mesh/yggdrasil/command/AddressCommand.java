package org.veilor.mesh.yggdrasil.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.veilor.mesh.yggdrasil.internal.YggAddress;
import org.veilor.mesh.yggdrasil.internal.YggdrasilNode;

/** {@code ygg:address [PUBKEY]}: the 200::/7 address and /64 subnet of a public key, or of this node. */
@Command(scope = "ygg", name = "address", description = "Prints the Yggdrasil address (200::/8) and /64 subnet (300::/8) of a public key, derived exactly as yggdrasil does; without a key, of this node's key.")
@Service
public class AddressCommand implements Action {

    // Optional: only a configured node has a key of its own; a public key works anywhere.
    @Reference(optional = true)
    YggdrasilNode node;

    @Argument(index = 0, name = "pubkey", required = false,
            description = "A public key, 64 hex digits (getSelf 'key', AllowedPublicKeys entries, ?key= of a peer URI). Default: this node's key.")
    String pubkey;

    @Override
    public Object execute() throws Exception {
        byte[] key = pubkey != null ? YggAddress.parsePublicHex(pubkey)
                : Nodes.require(node, "ygg:address without a key").nodeKey().publicKey();
        PrintStream out = System.out;
        out.println("address " + YggAddress.addressText(key));
        out.println("subnet  " + YggAddress.subnetText(key));
        return null;
    }
}
