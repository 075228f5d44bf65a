package org.veilor.mesh.yggdrasil.internal;

import java.util.List;

/**
 * What goes into one node's yggdrasil.conf. Paths are the ones the daemon opens (it runs on the
 * same machine as the agent, so they are the host paths with the host root applied).
 *
 * @param publicPeer the one public peer of the idle node
 * @param failoverPeers the peers promotion adds through the admin socket (not written; checked
 *     against the release all the same)
 * @param listen listeners: must stay empty while idle
 * @param allowedPublicKeys keys allowed to peer inbound; never empty (empty means allow-all)
 * @param ifName TUN interface name, or {@code none}
 * @param adminListen {@code unix:///path} or {@code tcp://127.0.0.1:port}
 * @param multicast whether to find LAN peers by multicast
 * @param multicastRegex which interfaces multicast uses
 * @param keyPath the PEM key file (0.5 {@code PrivateKeyPath})
 * @param key the node key (0.4 inlines it); may be null when only checking
 */
public record NodeConf(String publicPeer, List<String> failoverPeers, List<String> listen, List<String> allowedPublicKeys,
        String ifName, String adminListen, boolean multicast, String multicastRegex, String keyPath, NodeKey key) {

    public NodeConf {
        failoverPeers = List.copyOf(failoverPeers);
        listen = List.copyOf(listen);
        allowedPublicKeys = List.copyOf(allowedPublicKeys);
    }

    /** The same configuration with the node key. */
    public NodeConf withKey(NodeKey k) {
        return new NodeConf(publicPeer, failoverPeers, listen, allowedPublicKeys, ifName, adminListen, multicast,
                multicastRegex, keyPath, k);
    }
}
