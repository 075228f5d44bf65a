package org.veilor.headscale.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.veilor.core.ConfigException;
import org.veilor.headscale.PreAuthKeyRequest;
import org.veilor.headscale.Ttl;
import org.veilor.headscale.internal.policy.IpPrefix;
import org.veilor.headscale.internal.policy.TierModel;

/**
 * Validated tier model and key settings of {@code org.veilor.headscale}: the one validation method
 * for the policy part.
 *
 * @param model the tier model
 * @param taggedKeyUser owner of minted keys before Headscale 0.28, or empty
 * @param failsafeTtl lifetime of the failsafe admin key
 * @param watchWindow how long a push watches the admin machines before it counts as good
 * @param pollInterval time between two looks at the online machines during the watch
 */
public record PolicySettings(TierModel model, String taggedKeyUser, Duration failsafeTtl, Duration watchWindow, Duration pollInterval) {

    private static final String PID = ClientSettings.PID;
    private static final String NAME = "[a-z0-9]([a-z0-9.-]*[a-z0-9])?";

    public static PolicySettings validate(HeadscaleConfig c) {
        List<String> admins = names(c.adminMembers(), "adminMembers");
        List<String> infra = names(c.infraMembers(), "infraMembers");
        for (String m : infra) {
            ConfigException.check(!admins.contains(m), PID, "infraMembers", c.infraMembers(), "'" + m + "' is also in adminMembers; a machine has one tier");
        }
        List<String> users = new ArrayList<>();
        for (String u : list(c.adminUsers())) {
            ConfigException.check(u.contains("@") && !u.startsWith("@") && u.chars().noneMatch(Character::isWhitespace), PID,
                    "adminUsers", c.adminUsers(), "'" + u + "' is not a Headscale user (write alice@ or alice@example.org)");
            users.add(u);
        }
        Map<String, IpPrefix> hosts = hosts(c.hosts());
        List<TierModel.Endpoint> guests = new ArrayList<>();
        for (String d : list(c.guestDestinations())) {
            int colon = d.lastIndexOf(':');
            ConfigException.check(colon > 0, PID, "guestDestinations", c.guestDestinations(), "'" + d + "' is not host:port");
            String host = d.substring(0, colon);
            requireHost(hosts, host, "guestDestinations", c.guestDestinations());
            guests.add(new TierModel.Endpoint(host, port(d.substring(colon + 1), "guestDestinations", c.guestDestinations())));
        }
        List<String> seedHosts = list(c.seedHosts());
        for (String h : seedHosts) {
            requireHost(hosts, h, "seedHosts", c.seedHosts());
        }
        ConfigException.check(c.seedPort() >= 1 && c.seedPort() <= 65535, PID, "seedPort", c.seedPort(), "must be 1–65535");
        List<IpPrefix> prefixes = new ArrayList<>();
        for (String p : list(c.tailnetPrefixes())) {
            try {
                prefixes.add(IpPrefix.parse(p));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(PID, "tailnetPrefixes", c.tailnetPrefixes(), e.getMessage());
            }
        }
        ConfigException.check(!prefixes.isEmpty(), PID, "tailnetPrefixes", c.tailnetPrefixes(), "name at least one prefix");
        String keyUser = c.taggedKeyUser() == null ? "" : c.taggedKeyUser().strip();
        ConfigException.check(keyUser.chars().noneMatch(Character::isWhitespace), PID, "taggedKeyUser", c.taggedKeyUser(), "a user name has no spaces");
        Duration ttl;
        try {
            ttl = Ttl.parse(c.failsafeTtl());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "failsafeTtl", c.failsafeTtl(), e.getMessage());
        }
        ConfigException.check(c.policyWatchSeconds() >= 1 && c.policyWatchSeconds() <= 3600, PID, "policyWatchSeconds",
                c.policyWatchSeconds(), "must be 1–3600");
        ConfigException.check(c.policyPollSeconds() >= 1 && c.policyPollSeconds() <= c.policyWatchSeconds(), PID, "policyPollSeconds",
                c.policyPollSeconds(), "must be 1 to policyWatchSeconds (" + c.policyWatchSeconds() + ")");
        TierModel model = new TierModel(admins, infra, users, hosts, guests, seedHosts, c.seedPort(), c.guestPeerSeeding(), prefixes);
        return new PolicySettings(model, keyUser, ttl, Duration.ofSeconds(c.policyWatchSeconds()), Duration.ofSeconds(c.policyPollSeconds()));
    }

    private static Map<String, IpPrefix> hosts(String[] entries) {
        Map<String, IpPrefix> hosts = new LinkedHashMap<>();
        for (String e : list(entries)) {
            int eq = e.indexOf('=');
            ConfigException.check(eq > 0, PID, "hosts", entries, "'" + e + "' is not name=address");
            String name = e.substring(0, eq).strip();
            String address = e.substring(eq + 1).strip();
            ConfigException.check(name.matches(NAME), PID, "hosts", entries, "'" + name + "' is not a host name (lowercase letters, digits, '.', '-')");
            ConfigException.check(!hosts.containsKey(name), PID, "hosts", entries, "'" + name + "' is named twice");
            try {
                hosts.put(name, IpPrefix.parse(address));
            } catch (IllegalArgumentException ex) {
                throw new ConfigException(PID, "hosts", entries, "'" + name + "': " + ex.getMessage() + " (Headscale hosts take IPs, not DNS names)");
            }
        }
        return hosts;
    }

    private static void requireHost(Map<String, IpPrefix> hosts, String host, String key, String[] value) {
        IpPrefix a = hosts.get(host);
        ConfigException.check(a != null, PID, key, value, "host '" + host + "' has no address in hosts (add " + host + "=<tailnet IP>)");
        ConfigException.check(a.isAddress(), PID, key, value, "host '" + host + "' is the prefix " + a + "; a destination needs one address");
    }

    private static int port(String text, String key, String[] value) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(PID, key, value, "'" + text + "' is not a port (1–65535)");
    }

    private static List<String> names(String[] values, String key) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String v : list(values)) {
            ConfigException.check(v.matches(NAME), PID, key, values, "'" + v + "' is not a machine name (lowercase letters, digits, '.', '-')");
            ConfigException.check(seen.add(v), PID, key, values, "'" + v + "' is listed twice");
            out.add(v);
        }
        return out;
    }

    /**
     * The entries of a list setting. A {@code .cfg} line {@code hosts = a=1, b=2} reaches the component
     * as one string, so each value is also split at commas (no entry contains one).
     */
    private static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v == null ? new String[0] : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.strip());
                    }
                }
            }
        }
        return out;
    }

    /** The tags a minted key may carry are checked like Headscale does; kept here so commands share it. */
    public static List<String> tags(String csv) {
        List<String> tags = new ArrayList<>();
        for (String t : csv.split(",")) {
            if (!t.isBlank()) {
                tags.add(PreAuthKeyRequest.checkTag(t.strip()));
            }
        }
        return tags;
    }
}
