package org.veilor.headscale;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A node (machine) registered with Headscale.
 *
 * @param id the node ID (a uint64 as a string)
 * @param name the host name the node reported
 * @param givenName the name in the tailnet (MagicDNS)
 * @param user the owner ({@code tagged-devices} for tagged nodes on 0.28+), or {@code null}
 * @param ipAddresses tailnet addresses
 * @param tags tags in force (forced and valid tags; 0.28+ {@code tags})
 * @param preAuthKeyId ID of the pre-auth key the node registered with, or {@code null}
 * @param expiry when the node's registration expires, or {@code null} for never
 * @param online whether it is connected now
 * @param registerMethod how it registered ({@code REGISTER_METHOD_AUTH_KEY}, …)
 */
public record HeadscaleNode(String id, String name, String givenName, HeadscaleUser user, List<String> ipAddresses,
        List<String> tags, String preAuthKeyId, Instant expiry, boolean online, String registerMethod) {

    public HeadscaleNode {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        givenName = givenName == null ? "" : givenName;
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        tags = tags == null ? List.of() : List.copyOf(tags);
        registerMethod = registerMethod == null ? "" : registerMethod;
    }

    /** Whether the node's registration has expired at the given instant. */
    public boolean expiredAt(Instant now) {
        return expiry != null && expiry.isAfter(Instant.EPOCH) && !expiry.isAfter(now);
    }
}
