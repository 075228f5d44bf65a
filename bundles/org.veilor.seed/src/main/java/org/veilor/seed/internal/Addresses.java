package org.veilor.seed.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** IP literals and {@code host:port} peers, parsed without DNS (a literal never triggers a lookup). */
final class Addresses {

    private Addresses() {
    }

    /** Whether the text is an IPv4 dotted quad or an IPv6 literal. */
    static boolean isLiteral(String s) {
        return s.matches("\\d{1,3}(\\.\\d{1,3}){3}") || (s.contains(":") && s.matches("[0-9A-Fa-f:.]+"));
    }

    /** An IP literal as an address. */
    static InetAddress literal(String s) {
        if (s == null || !isLiteral(s.strip())) {
            throw new IllegalArgumentException("not an IP address: '" + s + "'");
        }
        try {
            return InetAddress.getByName(s.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + s + "'", e);
        }
    }

    /**
     * {@code host:port} or {@code [v6]:port}; the host may be a name (resolved when connecting, so
     * MagicDNS names of the tailnet work) or a literal.
     */
    static InetSocketAddress peer(String text) {
        String s = text == null ? "" : text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("not host:port: '" + text + "'");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("not host:port (write an IPv6 address as [addr]:port): '" + text + "'");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port in '" + text + "'", e);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port out of range 1-65535 in '" + text + "'");
        }
        if (isLiteral(host)) {
            return new InetSocketAddress(literal(host), p);
        }
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?")) {
            throw new IllegalArgumentException("not a host name or IP address: '" + host + "' in '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(host, p);
    }

    /** {@code host:port}, IPv6 in brackets. */
    static String format(InetSocketAddress a) {
        String host = a.isUnresolved() ? a.getHostString() : a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
