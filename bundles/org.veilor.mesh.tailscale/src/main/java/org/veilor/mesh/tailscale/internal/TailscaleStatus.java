package org.veilor.mesh.tailscale.internal;

import java.util.List;

/**
 * The parts of {@code tailscale status --json} (Go struct {@code ipnstate.Status}) the layer uses.
 *
 * @param backendState NoState, InUseOtherUser, NeedsLogin, NeedsMachineAuth, Stopped, Starting or Running
 * @param version the client version, or empty
 * @param haveNodeKey whether the node holds a node key (it was logged in before)
 * @param tailscaleIps the node's tailnet addresses, 100.x first
 * @param self the node itself, or {@code null} when the JSON has none
 * @param peers every peer in the netmap
 * @param health health warnings, as tailscaled words them
 * @param tailnet the current tailnet's name, or empty
 */
record TailscaleStatus(String backendState, String version, boolean haveNodeKey, List<String> tailscaleIps, Peer self,
        List<Peer> peers, List<String> health, String tailnet) {

    TailscaleStatus {
        tailscaleIps = List.copyOf(tailscaleIps);
        peers = List.copyOf(peers);
        health = List.copyOf(health);
    }

    /** A {@code PeerStatus}: the fields shown in the layer's detail. */
    record Peer(String hostName, String dnsName, boolean online, List<String> tailscaleIps) {
        Peer {
            tailscaleIps = List.copyOf(tailscaleIps);
        }
    }

    long onlinePeers() {
        return peers.stream().filter(Peer::online).count();
    }
}
