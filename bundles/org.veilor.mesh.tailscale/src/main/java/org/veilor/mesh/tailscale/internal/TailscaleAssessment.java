package org.veilor.mesh.tailscale.internal;

import java.util.ArrayList;
import java.util.List;
import org.veilor.mesh.LayerState;
import org.veilor.mesh.LayerStatus;

/**
 * Turns a parsed {@code tailscale status --json} into the layer's state. Running and connected
 * to the login server is active; not joined yet ({@code NeedsLogin} without a node key) or
 * stopped on purpose is disabled; everything else is down, with tailscaled's health warnings.
 * L3a carries no threat floor: every floor's attack kills it.
 */
final class TailscaleAssessment {

    private TailscaleAssessment() {
    }

    static LayerStatus assess(TailscaleStatus s, String loginServer) {
        String health = s.health().isEmpty() ? "" : "; health: " + String.join("; ", s.health());
        switch (s.backendState()) {
            case "Running": {
                boolean online = s.self() != null && s.self().online();
                if (!online) {
                    return LayerStatus.down("running but not connected to the login server " + loginServer + health);
                }
                return LayerStatus.of(LayerState.ACTIVE, connected(s) + health);
            }
            case "NeedsLogin":
                if (s.haveNodeKey()) {
                    return LayerStatus.down("logged out or node key expired: join again with a new key (mesh:join --force)"
                            + health);
                }
                return LayerStatus.disabled("not joined: mesh:join KEY, or ujust veilor-join");
            case "Stopped":
                return LayerStatus.disabled("stopped (tailscale down); mesh:join --force or tailscale up brings it back");
            case "NeedsMachineAuth":
                return LayerStatus.down("waiting for an admin to approve this machine on " + loginServer + health);
            case "Starting":
                return LayerStatus.down("starting: not connected yet" + health);
            case "NoState":
                return LayerStatus.down("tailscaled has no state yet" + health);
            case "InUseOtherUser":
                return LayerStatus.down("tailscaled is in use by another user" + health);
            default:
                return LayerStatus.down("unknown backend state " + s.backendState() + health);
        }
    }

    private static String connected(TailscaleStatus s) {
        List<String> parts = new ArrayList<>();
        String ip = s.tailscaleIps().isEmpty() ? (s.self().tailscaleIps().isEmpty() ? "" : s.self().tailscaleIps().get(0))
                : s.tailscaleIps().get(0);
        String name = s.self().hostName();
        parts.add((ip.isEmpty() ? "connected" : ip) + (name.isEmpty() ? "" : " (" + name + ")"));
        if (!s.tailnet().isEmpty()) {
            parts.add("tailnet " + s.tailnet());
        }
        parts.add(s.onlinePeers() + "/" + s.peers().size() + " peers online");
        if (!s.version().isEmpty()) {
            parts.add("tailscale " + s.version());
        }
        return String.join(", ", parts);
    }
}
