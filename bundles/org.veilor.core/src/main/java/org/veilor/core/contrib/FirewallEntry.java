package org.veilor.core.contrib;

import java.util.Objects;

/**
 * One structured firewalld entry, so entries from several contributions merge into one zone file:
 * bind an interface or a source to a zone, open a service or a port in it, or set its target.
 */
public record FirewallEntry(String zone, Kind kind, String value) {

    /** What the entry adds to the zone. */
    public enum Kind {
        INTERFACE,
        SOURCE,
        SERVICE,
        PORT,
        TARGET
    }

    public FirewallEntry {
        Objects.requireNonNull(kind, "kind");
        if (zone == null || !zone.matches("[a-z0-9][a-z0-9_-]{0,16}")) {
            throw new IllegalArgumentException("not a firewalld zone name: " + zone);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("firewall " + kind + " entry needs a value");
        }
        if (kind == Kind.PORT && !value.matches("\\d{1,5}(-\\d{1,5})?/(tcp|udp|sctp|dccp)")) {
            throw new IllegalArgumentException("firewall port must be PORT/PROTO: " + value);
        }
        if (kind == Kind.TARGET && !value.matches("default|ACCEPT|DROP|REJECT|%%REJECT%%")) {
            throw new IllegalArgumentException("firewall zone target must be default, ACCEPT, DROP or REJECT: " + value);
        }
    }

    public static FirewallEntry iface(String zone, String iface) {
        return new FirewallEntry(zone, Kind.INTERFACE, iface);
    }

    public static FirewallEntry source(String zone, String cidr) {
        return new FirewallEntry(zone, Kind.SOURCE, cidr);
    }

    public static FirewallEntry service(String zone, String service) {
        return new FirewallEntry(zone, Kind.SERVICE, service);
    }

    public static FirewallEntry port(String zone, String portProto) {
        return new FirewallEntry(zone, Kind.PORT, portProto);
    }

    public static FirewallEntry target(String zone, String target) {
        return new FirewallEntry(zone, Kind.TARGET, target);
    }
}
