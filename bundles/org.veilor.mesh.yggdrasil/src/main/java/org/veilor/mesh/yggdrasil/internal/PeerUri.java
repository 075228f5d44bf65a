package org.veilor.mesh.yggdrasil.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A yggdrasil peer or listen URI (spec mesh-radio.md §1.4): its scheme, the host it needs resolved,
 * its port and its query options, checked for shape when parsed and against a release by
 * {@link #problemsFor}. Schemes: tcp, tls, unix, socks (≤0.4); quic (0.5.0); sockstls (0.5.2);
 * ws, wss (0.5.7, wss outbound only). Options: key, priority, sni (≤0.4); password (0.5.0);
 * maxbackoff (0.5.5).
 *
 * @param raw the URI as written
 * @param scheme lower-case scheme
 * @param host the host dialled (for socks: the proxy), or empty for unix
 * @param port the port, or -1 when the URI has none
 * @param options query options, in order
 */
public record PeerUri(String raw, String scheme, String host, int port, Map<String, List<String>> options) {

    private static final List<String> SCHEMES = List.of("tcp", "tls", "unix", "socks", "sockstls", "quic", "ws", "wss");
    private static final List<String> OPTIONS = List.of("key", "priority", "sni", "password", "maxbackoff");

    public PeerUri {
        options = Map.copyOf(options);
    }

    /**
     * Parses and checks the shape of a URI.
     *
     * @throws IllegalArgumentException naming what is wrong (the message starts with the URI)
     */
    public static PeerUri parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty URI");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw bad(text, "not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw bad(text, "has no scheme (tcp://, tls://, wss://, …)");
        }
        if (!SCHEMES.contains(scheme)) {
            throw bad(text, "unknown scheme '" + scheme + "' (yggdrasil knows " + String.join(", ", SCHEMES) + ")");
        }
        if (uri.getFragment() != null) {
            throw bad(text, "must not have a fragment (#…)");
        }
        Map<String, List<String>> options = options(text, uri.getRawQuery());
        if (scheme.equals("unix")) {
            if (uri.getRawAuthority() != null || uri.getPath() == null || !uri.getPath().startsWith("/")) {
                throw bad(text, "a unix URI is unix:///absolute/path");
            }
            return new PeerUri(text, scheme, "", -1, options);
        }
        if (uri.getHost() == null) {
            throw bad(text, uri.getRawAuthority() == null ? "has no host"
                    : "host '" + uri.getRawAuthority() + "' is not a valid host name or address");
        }
        int port = uri.getPort();
        boolean web = scheme.equals("ws") || scheme.equals("wss");
        if (port == -1 && !web) {
            throw bad(text, "needs a port (" + scheme + "://host:port)");
        }
        if (port == 0 || port > 65535) {
            throw bad(text, "port " + port + " is out of range");
        }
        if (uri.getUserInfo() != null && !scheme.startsWith("socks")) {
            throw bad(text, "only socks URIs carry a user and password");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (scheme.startsWith("socks")) {
            if (!path.matches("/[^/]+:\\d{1,5}")) {
                throw bad(text, "a " + scheme + " URI names its target after the proxy: " + scheme + "://proxy:port/target:port");
            }
        } else if (!web && !path.isEmpty() && !path.equals("/")) {
            throw bad(text, "a " + scheme + " URI has no path");
        }
        return new PeerUri(text, scheme, uri.getHost(), port, options);
    }

    private static Map<String, List<String>> options(String text, String rawQuery) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!OPTIONS.contains(name)) {
                throw bad(text, "unknown option '" + name + "' (yggdrasil knows " + String.join(", ", OPTIONS) + ")");
            }
            switch (name) {
                case "key" -> {
                    if (!value.matches("[0-9a-fA-F]{64}")) {
                        throw bad(text, "key= must be the peer's public key, 64 hex digits");
                    }
                }
                case "priority" -> {
                    if (!value.matches("\\d{1,3}") || Integer.parseInt(value) > 254) {
                        throw bad(text, "priority= must be 0 to 254");
                    }
                }
                case "password" -> {
                    if (value.getBytes(StandardCharsets.UTF_8).length > 64) {
                        throw bad(text, "password= is at most 64 bytes");
                    }
                }
                case "maxbackoff" -> {
                    if (!value.matches("(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+")) {
                        throw bad(text, "maxbackoff= must be a Go duration such as 5m or 1h");
                    }
                }
                default -> {
                    // sni: any name
                }
            }
            options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return options;
    }

    /**
     * What a release does not understand in this URI, as an outbound peer ({@code listen} false) or
     * a listener.
     */
    public List<String> problemsFor(YggVersion v, boolean listen) {
        List<String> p = new ArrayList<>();
        int[] since = switch (scheme) {
            case "quic" -> new int[] {5, 0};
            case "sockstls" -> new int[] {5, 2};
            case "ws", "wss" -> new int[] {5, 7};
            default -> null;
        };
        if (since != null && !v.atLeast(0, since[0], since[1])) {
            p.add(raw + ": yggdrasil " + v.text() + " does not know " + scheme + ":// (added in 0." + since[0] + "." + since[1] + ")"
                    + (v.dialect() == YggVersion.Dialect.V0_4 ? "; 0.4 peers are tcp, tls, socks or unix" : ""));
        }
        if (listen && scheme.startsWith("socks")) {
            p.add(raw + ": " + scheme + ":// is for outbound peers only, not a listener");
        }
        if (listen && scheme.equals("wss")) {
            p.add(raw + ": yggdrasil has no wss:// listener (a ws:// listener behind a TLS proxy instead)");
        }
        if (options.containsKey("password") && !v.atLeast(0, 5, 0)) {
            p.add(raw + ": password= needs yggdrasil 0.5.0 (this is " + v.text() + ")");
        }
        if (options.containsKey("maxbackoff") && !v.atLeast(0, 5, 5)) {
            p.add(raw + ": maxbackoff= needs yggdrasil 0.5.5 (this is " + v.text() + ")");
        }
        return p;
    }

    /** The port dialled: the URI's, or 443 / 80 for wss / ws without one. */
    public int effectivePort() {
        if (port != -1) {
            return port;
        }
        return scheme.equals("wss") ? 443 : scheme.equals("ws") ? 80 : -1;
    }

    /** A {@code wss://…:443} peer: what floor (ii) needs (TLS on 443 looks like any web traffic to DPI). */
    public boolean wss443() {
        return scheme.equals("wss") && effectivePort() == 443;
    }

    /** The host without IPv6 brackets. */
    public String bareHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Parses, or returns null when the text is not a URI (for daemon-reported remotes). */
    public static PeerUri tryParse(String raw) {
        try {
            return parse(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException bad(String text, String reason) {
        return new IllegalArgumentException(text + ": " + reason);
    }
}
