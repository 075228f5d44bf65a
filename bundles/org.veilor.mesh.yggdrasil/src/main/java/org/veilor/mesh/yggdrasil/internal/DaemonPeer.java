package org.veilor.mesh.yggdrasil.internal;

import java.time.Duration;

/**
 * One entry of {@code getPeers}, in either release's shape. 0.4 lists connected peers only (so
 * {@code up} is true) and does not say which are inbound ({@code inbound} null); 0.5 lists
 * configured peers that are down too, with their last error.
 *
 * @param remote the peer's URI: as configured for an outbound peer, the remote address for an
 *     inbound one; empty when the daemon left it out
 * @param up whether the link is up
 * @param inbound whether the peer dialled in; null when the release does not say (0.4)
 * @param key hex public key, empty when never connected
 * @param address its 200::/8 address, empty when unknown
 * @param uptime how long the link has been up
 * @param latency the measured round trip (0.5.6+), or null
 * @param lastError the last error dialling it (0.5), empty when none
 */
public record DaemonPeer(String remote, boolean up, Boolean inbound, String key, String address, Duration uptime,
        Duration latency, String lastError) {
}
