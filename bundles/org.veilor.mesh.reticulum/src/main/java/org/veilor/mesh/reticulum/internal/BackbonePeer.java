package org.veilor.mesh.reticulum.internal;

import java.util.Locale;
import org.veilor.core.ConfigException;

/**
 * One TCP backbone peer: a {@code TCPClientInterface} with {@code target_host} and
 * {@code target_port} (mesh-radio.md §4.3).
 *
 * @param host a DNS name, an IPv4 literal or an IPv6 literal (without brackets)
 * @param port 1..65535
 */
record BackbonePeer(String host, int port) {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    private static final String DNS_NAME = LABEL + "(\\." + LABEL + ")*\\.?";
    private static final String IPV4 = "\\d{1,3}(\\.\\d{1,3}){3}";

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}.
     *
     * @throws ConfigException naming the PID, key and entry when it is not one
     */
    static BackbonePeer parse(String entry, String pid, String key) {
        String e = entry.strip();
        String host;
        String port;
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            ConfigException.check(close > 1 && e.startsWith(":", close + 1), pid, key, entry,
                    "an IPv6 peer is written [address]:port");
            host = e.substring(1, close);
            port = e.substring(close + 2);
            ConfigException.check(host.matches("[0-9A-Fa-f:.]+") && host.contains(":"), pid, key, entry,
                    "not an IPv6 address between the brackets");
        } else {
            int colon = e.lastIndexOf(':');
            ConfigException.check(colon > 0, pid, key, entry, "a backbone peer is host:port");
            host = e.substring(0, colon).toLowerCase(Locale.ROOT);
            port = e.substring(colon + 1);
            ConfigException.check(!host.contains(":"), pid, key, entry, "write an IPv6 peer as [address]:port");
            boolean ipv4 = host.matches(IPV4);
            ConfigException.check(ipv4 || host.matches(DNS_NAME), pid, key, entry,
                    "'" + host + "' is neither a host name nor an IPv4 address");
            if (ipv4) {
                for (String part : host.split("\\.")) {
                    ConfigException.check(Integer.parseInt(part) <= 255, pid, key, entry, "not an IPv4 address: " + host);
                }
            }
            ConfigException.check(host.length() <= 253, pid, key, entry, "the host name is longer than 253 characters");
        }
        ConfigException.check(port.matches("\\d{1,5}"), pid, key, entry, "the port must be a number 1..65535");
        int p = Integer.parseInt(port);
        ConfigException.check(p >= 1 && p <= 65535, pid, key, entry, "the port must be a number 1..65535");
        return new BackbonePeer(host, p);
    }
}
