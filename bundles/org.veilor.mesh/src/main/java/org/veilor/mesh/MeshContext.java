package org.veilor.mesh;

import java.util.Locale;
import java.util.Optional;

/**
 * What the supervisor tells every layer at each probe: the host of the login server, taken from
 * the L3a layer. Floor (i) is about that server's DNS being blocked, so a layer carrying floor (i)
 * asks {@link #outsideLoginDomain} whether a peer's name would fall with it.
 *
 * @param loginServerHost the login server's host name, or {@code null} when no L3a layer says
 */
public record MeshContext(String loginServerHost) {

    public MeshContext {
        loginServerHost = loginServerHost == null || loginServerHost.isBlank() ? null
                : stripDot(loginServerHost.strip().toLowerCase(Locale.ROOT));
    }

    public static MeshContext empty() {
        return new MeshContext(null);
    }

    public Optional<String> loginServer() {
        return Optional.ofNullable(loginServerHost);
    }

    /**
     * The zone whose blocking kills the login server: its parent domain when it has three labels
     * or more ({@code hs.s8n.ru} → {@code s8n.ru}), itself otherwise. Conservative on purpose: an
     * ISP that blocks the login server's name can as easily block its whole zone.
     */
    public Optional<String> loginDomain() {
        if (loginServerHost == null || isIpLiteral(loginServerHost)) {
            return Optional.ofNullable(loginServerHost);
        }
        String[] labels = loginServerHost.split("\\.");
        if (labels.length >= 3) {
            return Optional.of(loginServerHost.substring(loginServerHost.indexOf('.') + 1));
        }
        return Optional.of(loginServerHost);
    }

    /**
     * Whether a peer host survives a DNS block of the login server: an IP literal always does; a
     * name does when it is outside {@link #loginDomain()}. With no known login server every name
     * counts as outside.
     */
    public boolean outsideLoginDomain(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String h = stripDot(host.strip().toLowerCase(Locale.ROOT));
        if (isIpLiteral(h)) {
            return true;
        }
        Optional<String> domain = loginDomain();
        if (domain.isEmpty()) {
            return true;
        }
        String d = domain.get();
        return !(h.equals(d) || h.endsWith("." + d));
    }

    /** Whether a host is an IPv4 or IPv6 literal (brackets allowed), so it needs no DNS. */
    public static boolean isIpLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        int pct = h.indexOf('%');
        String v6 = pct < 0 ? h : h.substring(0, pct);
        return v6.contains(":") && v6.matches("[0-9A-Fa-f:.]+");
    }

    private static String stripDot(String h) {
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
