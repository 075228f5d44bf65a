package org.veilor.image.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * One firewalld zone merged from the structured entries of every contribution: sets of interfaces,
 * sources, services and ports (each remembering who asked for it), and at most one target.
 */
public final class FirewallZone {

    /**
     * firewalld's packaged zones (firewalld and Fedora). A contribution to one of them is merged into
     * the packaged definition with firewall-offline-cmd at build time rather than replacing it.
     */
    static final java.util.Set<String> STOCK = java.util.Set.of("block", "dmz", "drop", "external", "home",
            "internal", "nm-shared", "public", "trusted", "work", "fedoraserver", "fedoraworkstation");

    private final String name;
    private Placed<String> target;
    private final Map<String, Origin> interfaces = new TreeMap<>();
    private final Map<String, Origin> sources = new TreeMap<>();
    private final Map<String, Origin> services = new TreeMap<>();
    private final Map<String, Origin> ports = new TreeMap<>();

    FirewallZone(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public boolean stock() {
        return STOCK.contains(name);
    }

    public Placed<String> target() {
        return target;
    }

    void target(Placed<String> t) {
        this.target = t;
    }

    public Map<String, Origin> interfaces() {
        return interfaces;
    }

    public Map<String, Origin> sources() {
        return sources;
    }

    public Map<String, Origin> services() {
        return services;
    }

    public Map<String, Origin> ports() {
        return ports;
    }
}
