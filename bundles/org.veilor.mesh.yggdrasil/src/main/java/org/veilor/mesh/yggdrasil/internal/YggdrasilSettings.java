package org.veilor.mesh.yggdrasil.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.veilor.core.ConfigException;

/**
 * Validated L3b settings: the one validation method of PID {@code org.veilor.mesh.yggdrasil}. The
 * yggdrasil.conf rules (empty AllowedPublicKeys, Listen while idle, schemes, URIs) come from
 * {@link ConfigWriter#problems}, all of them at once; with {@code dialect = auto} they are checked
 * here against a current 0.5 and again against the installed release when the config is rendered.
 *
 * @param forcedDialect the configured dialect, empty for auto
 */
public record YggdrasilSettings(String publicPeer, List<String> failoverPeers, List<String> allowedPublicKeys,
        List<String> listen, String interfaceName, String adminListen, boolean multicast, String multicastRegex,
        Optional<YggVersion.Dialect> forcedDialect, String executable, String keyPath, String configPath,
        String serviceUser, String unit, int adminTimeoutSeconds) {

    public static final String PID = "org.veilor.mesh.yggdrasil";
    /**
     * The node profile's example operator key: the public key of the all-zero seed (spec
     * mesh-radio.md §1.5, first vector). Its private key is public knowledge, so it must never stay
     * in a release; the layer, ygg:status and the image lint warn while it is there.
     */
    public static final String EXAMPLE_KEY = "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29";
    private static final Set<String> LOCAL_ADMIN = Set.of("127.0.0.1", "[::1]", "localhost");

    public static YggdrasilSettings validate(YggdrasilConfig c) {
        Optional<YggVersion.Dialect> dialect;
        try {
            dialect = YggVersion.Dialect.parse(c.dialect());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PID, "dialect", c.dialect(), "must be auto, 0.4 or 0.5");
        }
        String admin = strip(c.adminListen());
        checkAdmin(admin);
        String keyPath = hostPath("keyPath", c.keyPath());
        String configPath = hostPath("configPath", c.configPath());
        String exe = strip(c.executable());
        ConfigException.check(!exe.isEmpty() && exe.chars().noneMatch(Character::isWhitespace), PID, "executable",
                c.executable(), "must be a program name or an absolute path, without spaces");
        ConfigException.check(!exe.contains("/") || exe.startsWith("/"), PID, "executable", c.executable(),
                "a path must be absolute");
        String user = strip(c.serviceUser());
        ConfigException.check(user.isEmpty() || user.matches("[a-z_][a-z0-9_-]{0,31}\\$?"), PID, "serviceUser",
                c.serviceUser(), "not a user name");
        String unit = strip(c.unit());
        ConfigException.check(unit.matches("[A-Za-z0-9@_.:-]+\\.service"), PID, "unit", c.unit(), "must be a .service unit name");
        ConfigException.check(c.adminTimeoutSeconds() >= 1 && c.adminTimeoutSeconds() <= 30, PID, "adminTimeoutSeconds",
                c.adminTimeoutSeconds(), "must be between 1 and 30");
        YggdrasilSettings s = new YggdrasilSettings(strip(c.publicPeer()), list(c.failoverPeers()),
                list(c.allowedPublicKeys()), list(c.listen()), strip(c.interfaceName()), admin, c.multicast(),
                c.multicastRegex() == null ? "" : c.multicastRegex(), dialect, exe, keyPath, configPath, user, unit,
                c.adminTimeoutSeconds());
        List<ConfigProblem> problems = ConfigWriter.problems(s.nodeConf(admin, keyPath),
                dialect.map(d -> d == YggVersion.Dialect.V0_4 ? YggVersion.DIALECT_04 : YggVersion.DIALECT_05)
                        .orElse(YggVersion.DIALECT_05));
        if (!problems.isEmpty()) {
            ConfigProblem first = problems.get(0);
            throw new ConfigException(PID, first.key(), first.value(), problems.size() == 1 ? first.reason()
                    : first.reason() + " (and " + (problems.size() - 1) + " more: "
                            + problems.subList(1, problems.size()).stream().map(ConfigProblem::toString)
                                    .collect(Collectors.joining("; "))
                            + ")");
        }
        return s;
    }

    /** The yggdrasil.conf content for this node, with the paths the daemon opens. */
    public NodeConf nodeConf(String realAdminListen, String realKeyPath) {
        return new NodeConf(publicPeer, failoverPeers, listen, allowedPublicKeys, interfaceName, realAdminListen, multicast,
                multicastRegex, realKeyPath, null);
    }

    /** The failover peers, parsed (they were checked at validation). */
    public List<PeerUri> failoverUris() {
        return failoverPeers.stream().map(PeerUri::parse).toList();
    }

    public PeerUri publicUri() {
        return PeerUri.parse(publicPeer);
    }

    /** What an operator should fix although the layer works: shown by ygg:status and in the layer's detail. */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        if (allowedPublicKeys.stream().anyMatch(k -> k.equalsIgnoreCase(EXAMPLE_KEY))) {
            w.add("AllowedPublicKeys still holds the node profile's EXAMPLE key (its private key is public): replace it with"
                    + " the operator's key in config/node/etc/" + PID + ".cfg");
        }
        if (!interfaceName.equals("ygg0") && !interfaceName.equals("none")) {
            w.add("interface " + interfaceName + " is outside the image's veilor-yggdrasil firewall zone, which binds ygg0");
        }
        if (multicast) {
            w.add("multicast is on: LAN peers found by multicast bypass AllowedPublicKeys");
        }
        return w;
    }

    /** Parses the dialect of a forced setting. */
    public Optional<YggVersion> forcedVersion() {
        return forcedDialect.map(d -> d == YggVersion.Dialect.V0_4 ? YggVersion.DIALECT_04 : YggVersion.DIALECT_05);
    }

    private static void checkAdmin(String admin) {
        URI uri;
        try {
            uri = new URI(admin);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(PID, "adminListen", admin, "not a URI: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("unix")) {
            ConfigException.check(uri.getRawAuthority() == null && uri.getPath() != null && uri.getPath().startsWith("/")
                    && !uri.getPath().contains("/../"), PID, "adminListen", admin, "a unix socket is unix:///absolute/path");
            return;
        }
        ConfigException.check(scheme.equals("tcp"), PID, "adminListen", admin,
                admin.equals("none") ? "the layer reads the daemon's state through the admin socket: it cannot be 'none'"
                        : "must be unix:///path or tcp://127.0.0.1:port");
        ConfigException.check(uri.getHost() != null && LOCAL_ADMIN.contains(uri.getHost().toLowerCase(Locale.ROOT))
                && uri.getPort() > 0, PID, "adminListen", admin,
                "the admin socket must stay on this machine (127.0.0.1, [::1] or localhost, with a port): anyone reaching it can add peers");
    }

    private static String hostPath(String key, String value) {
        String v = strip(value);
        ConfigException.check(v.startsWith("/") && !v.endsWith("/") && !Arrays.asList(v.split("/")).contains(".."), PID,
                key, value, "must be an absolute host path to a file");
        return v;
    }

    /** Array values, each of which may itself hold several comma- or space-separated items (a .cfg gives one string). */
    static List<String> list(String[] values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String item : (v == null ? "" : v).split("[,\\s]+")) {
                    if (!item.isBlank()) {
                        out.add(item.strip());
                    }
                }
            }
        }
        return out;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
