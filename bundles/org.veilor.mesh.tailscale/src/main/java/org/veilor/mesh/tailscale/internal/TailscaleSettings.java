package org.veilor.mesh.tailscale.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.veilor.core.ConfigException;

/** Validated L3a settings: the one validation method of PID {@code org.veilor.mesh.tailscale}. */
record TailscaleSettings(String loginServer, String loginHost, String hostname, boolean acceptDns,
        int statusTimeoutSeconds, int upTimeoutSeconds) {

    static final String PID = "org.veilor.mesh.tailscale";
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    static TailscaleSettings validate(TailscaleConfig c) {
        String url = c.loginServer() == null ? "" : c.loginServer().strip();
        ConfigException.check(!url.isEmpty(), PID, "loginServer", c.loginServer(), "must not be empty");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(PID, "loginServer", c.loginServer(), "not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        ConfigException.check(scheme.equals("https") || scheme.equals("http"), PID, "loginServer", c.loginServer(),
                "must be an https:// URL");
        ConfigException.check(uri.getHost() != null && !uri.getHost().isEmpty(), PID, "loginServer", c.loginServer(),
                "has no host name");
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        ConfigException.check(scheme.equals("https") || LOOPBACK.contains(host), PID, "loginServer", c.loginServer(),
                "plain http is allowed only on a loopback address: the node would log in in clear text");
        ConfigException.check(uri.getUserInfo() == null, PID, "loginServer", c.loginServer(),
                "must not carry a user or password");
        ConfigException.check(uri.getQuery() == null && uri.getFragment() == null, PID, "loginServer", c.loginServer(),
                "must not have a query or fragment");
        String hostname = c.hostname() == null ? "" : c.hostname().strip();
        ConfigException.check(hostname.isEmpty() || hostname.matches("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"), PID,
                "hostname", c.hostname(), "must be one DNS label: letters, digits and '-', at most 63, not starting or ending with '-'");
        ConfigException.check(c.statusTimeoutSeconds() >= 1 && c.statusTimeoutSeconds() <= 60, PID,
                "statusTimeoutSeconds", c.statusTimeoutSeconds(), "must be between 1 and 60");
        ConfigException.check(c.upTimeoutSeconds() >= 10 && c.upTimeoutSeconds() <= 900, PID, "upTimeoutSeconds",
                c.upTimeoutSeconds(), "must be between 10 and 900");
        return new TailscaleSettings(url, host, hostname, c.acceptDns(), c.statusTimeoutSeconds(), c.upTimeoutSeconds());
    }
}
