package org.veilor.mesh.tailscale.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.veilor.mesh.tailscale.internal.AuthKey;
import org.veilor.mesh.tailscale.internal.Joiner;
import org.veilor.mesh.tailscale.internal.KeySources;

/**
 * {@code mesh:join}: joins this node to the mesh with a pre-auth key — given as the argument, in a
 * file, as a picture of its QR code, or typed at a hidden prompt.
 */
@Command(scope = "mesh", name = "join", description = "Joins this node to the Veilor mesh (L3a) with a Headscale pre-auth key: enables and starts tailscaled, then runs tailscale up with the key passed in a root-only file. Never starts a web (OIDC) login.")
@Service
public class JoinCommand implements Action {

    // Optional: the joiner exists only with the node's L3a configuration; a mandatory reference
    // would hide every command of this bundle on the operator.
    @Reference(optional = true)
    Joiner joiner;

    @Reference(optional = true)
    Session session;

    @Argument(index = 0, name = "key", required = false,
            description = "The pre-auth key (48 hex characters, or hskey-auth-…, 88 characters). A key typed here may stay in the shell history: prefer the hidden prompt (no argument) or --key-file.")
    String key;

    @Option(name = "--qr", description = "Absolute path of a PNG or JPEG picture of the QR code on the enrolment page")
    String qrImage;

    @Option(name = "--key-file", description = "Absolute path of an owner-only (0600) file holding the key")
    String keyFile;

    @Option(name = "--force", description = "Join again even when the node is connected already (re-authenticates with this key)")
    boolean force;

    @Override
    public Object execute() throws Exception {
        if (joiner == null) {
            throw new IllegalStateException("the L3a layer is not configured on this instance (PID org.veilor.mesh.tailscale):"
                    + " mesh:join runs on a node; see veilor:status");
        }
        // Karaf names the thread running a command after its command line ("pipe-mesh:join KEY"),
        // and every log line carries the thread name: rename it before anything is logged.
        Thread thread = Thread.currentThread();
        String threadName = thread.getName();
        thread.setName("mesh:join");
        try {
            AuthKey authKey = readKey();
            PrintStream out = System.out;
            String result = joiner.join(authKey, force, line -> out.println("  " + line));
            out.println(result);
            return null;
        } finally {
            thread.setName(threadName);
        }
    }

    private AuthKey readKey() throws Exception {
        int sources = (key != null ? 1 : 0) + (qrImage != null ? 1 : 0) + (keyFile != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("give the key one way only: KEY, --qr IMAGE or --key-file FILE");
        }
        if (key != null) {
            return AuthKey.parse(key);
        }
        if (qrImage != null) {
            return KeySources.fromQrImage(qrImage);
        }
        if (keyFile != null) {
            return KeySources.fromFile(keyFile);
        }
        if (session == null) {
            throw new IllegalArgumentException("no key: give KEY, --qr IMAGE or --key-file FILE");
        }
        String typed = session.readLine("Pre-auth key (input hidden): ", '*');
        return AuthKey.parse(typed);
    }
}
