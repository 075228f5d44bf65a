package org.veilor.mesh.yggdrasil.internal;

/**
 * What {@code getSelf} says about the running node, in either release's shape (0.4 adds
 * {@code coords}, 0.5 {@code routing_entries}; neither matters here).
 *
 * @param key hex public key the daemon runs with
 * @param address its 200::/8 address
 * @param subnet its 300::/8 /64
 * @param buildName {@code build_name} ({@code unknown} on Debian's 0.4.7)
 * @param buildVersion {@code build_version} ({@code unknown} on Debian's 0.4.7)
 */
public record DaemonSelf(String key, String address, String subnet, String buildName, String buildVersion) {
}
