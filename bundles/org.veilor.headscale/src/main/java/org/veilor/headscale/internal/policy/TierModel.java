package org.veilor.headscale.internal.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier model of DESIGN.md, as configured: who carries which tag, named addresses, what guests
 * may reach. The policy is rendered from it and evaluated against its promises.
 *
 * @param adminMembers machines carrying {@code tag:admin}
 * @param infraMembers machines carrying {@code tag:infra}
 * @param adminUsers members of {@code group:tailnet-admin} (written {@code name@})
 * @param hosts named addresses, in configuration order
 * @param guestDestinations what {@code tag:guest} may reach besides the seed hosts
 * @param seedHosts hosts serving seeded media, reached by guests on {@code seedPort}
 * @param seedPort the seed transport port
 * @param guestPeerSeeding whether guests reach each other on the seed port
 * @param tailnetPrefixes prefixes Headscale assigns node addresses from
 */
public record TierModel(List<String> adminMembers, List<String> infraMembers, List<String> adminUsers,
        Map<String, IpPrefix> hosts, List<Endpoint> guestDestinations, List<String> seedHosts, int seedPort,
        boolean guestPeerSeeding, List<IpPrefix> tailnetPrefixes) {

    public static final String ADMIN = "tag:admin";
    public static final String INFRA = "tag:infra";
    public static final String GUEST = "tag:guest";
    public static final String ADMIN_GROUP = "group:tailnet-admin";

    /** A {@code host:port} destination. */
    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public TierModel {
        adminMembers = List.copyOf(adminMembers);
        infraMembers = List.copyOf(infraMembers);
        adminUsers = List.copyOf(adminUsers);
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        guestDestinations = List.copyOf(guestDestinations);
        seedHosts = List.copyOf(seedHosts);
        tailnetPrefixes = List.copyOf(tailnetPrefixes);
    }

    /** Every guest destination, seed hosts on the seed port included. */
    public List<Endpoint> guestEndpoints() {
        List<Endpoint> all = new java.util.ArrayList<>(guestDestinations);
        for (String h : seedHosts) {
            Endpoint e = new Endpoint(h, seedPort);
            if (!all.contains(e)) {
                all.add(e);
            }
        }
        return List.copyOf(all);
    }
}
