package org.veilor.mesh.yggdrasil.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Writes yggdrasil.conf in the dialect of a release (spec mesh-radio.md §1.2): plain JSON, every
 * string quoted (HJSON's quoteless strings run to the end of the line), every field written so no
 * platform default applies by surprise. 0.4 inlines {@code PrivateKey} and writes {@code PublicKey}
 * itself (0.4 never recomputes it); 0.5 points {@code PrivateKeyPath} at the PEM file. Before
 * writing, {@link #problems} lists everything wrong at once.
 */
public final class ConfigWriter {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    private ConfigWriter() {
    }

    /** The config text for a release; the 0.4 text holds the private key, so it is a secret. */
    public static String render(NodeConf c, YggVersion v) throws ConfigProblems {
        List<ConfigProblem> problems = problems(c, v);
        if (c.key() == null && v.dialect() == YggVersion.Dialect.V0_4) {
            problems.add(new ConfigProblem("keyPath", c.keyPath(), "the 0.4 dialect inlines PrivateKey: the node key is needed"));
        }
        if (!problems.isEmpty()) {
            throw new ConfigProblems(problems);
        }
        ObjectNode o = JSON.createObjectNode();
        if (v.dialect() == YggVersion.Dialect.V0_4) {
            o.put("PublicKey", c.key().publicHex());
            o.put("PrivateKey", c.key().privateHex());
        } else {
            o.put("PrivateKeyPath", c.keyPath());
        }
        o.putArray("Peers").add(c.publicPeer().strip());
        o.putObject("InterfacePeers");
        ArrayNode listen = o.putArray("Listen");
        c.listen().forEach(listen::add);
        o.put("AdminListen", c.adminListen());
        ArrayNode mc = o.putArray("MulticastInterfaces");
        if (c.multicast()) {
            mc.addObject().put("Regex", c.multicastRegex()).put("Beacon", true).put("Listen", true).put("Port", 0)
                    .put("Priority", 0);
        }
        ArrayNode allowed = o.putArray("AllowedPublicKeys");
        c.allowedPublicKeys().forEach(k -> allowed.add(k.strip().toLowerCase(java.util.Locale.ROOT)));
        o.put("IfName", c.ifName());
        o.put("IfMTU", 65535);
        // Build name and version stay private: they tell the whole network which release to attack.
        o.put("NodeInfoPrivacy", true);
        o.putObject("NodeInfo");
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything wrong with a configuration for a release, in configuration order; empty when it can be written. */
    public static List<ConfigProblem> problems(NodeConf c, YggVersion v) {
        List<ConfigProblem> p = new ArrayList<>();
        if (c.allowedPublicKeys().isEmpty()) {
            p.add(new ConfigProblem("allowedPublicKeys", "", "AllowedPublicKeys must not be empty: the strategy forbids allow-all"));
        }
        for (String k : c.allowedPublicKeys()) {
            if (!k.strip().matches("[0-9a-fA-F]{64}")) {
                p.add(new ConfigProblem("allowedPublicKeys", k, "an AllowedPublicKeys entry is a public key, 64 hex digits"));
            }
        }
        if (c.publicPeer() == null || c.publicPeer().isBlank()) {
            p.add(new ConfigProblem("publicPeer", "", "the idle node needs its one public peer"));
        } else {
            peer(p, "publicPeer", c.publicPeer(), v, false);
        }
        for (String f : c.failoverPeers()) {
            peer(p, "failoverPeers", f, v, false);
            if (c.publicPeer() != null && f.strip().equals(c.publicPeer().strip())) {
                p.add(new ConfigProblem("failoverPeers", f, "is the public peer already; promotion would add nothing"));
            }
        }
        if (!c.listen().isEmpty()) {
            p.add(new ConfigProblem("listen", String.join(", ", c.listen()),
                    "Listen must be empty while idle: the strategy's idle node accepts no inbound peers"));
            for (String l : c.listen()) {
                peer(p, "listen", l, v, true);
            }
        }
        String ifName = c.ifName() == null ? "" : c.ifName().strip();
        if (ifName.equals("auto")) {
            p.add(new ConfigProblem("interfaceName", ifName, "'auto' lets the kernel pick tunN, outside the firewall zone the image binds to ygg0"));
        } else if (!ifName.equals("none") && !IFNAME.matcher(ifName).matches()) {
            p.add(new ConfigProblem("interfaceName", ifName, "not a Linux interface name (1 to 15 of A-Z a-z 0-9 _ . -), nor 'none'"));
        }
        if (c.multicast()) {
            try {
                Pattern.compile(c.multicastRegex());
            } catch (PatternSyntaxException | NullPointerException e) {
                p.add(new ConfigProblem("multicastRegex", c.multicastRegex(), "not a regular expression"));
            }
        }
        return p;
    }

    private static void peer(List<ConfigProblem> p, String key, String uri, YggVersion v, boolean listen) {
        try {
            for (String reason : PeerUri.parse(uri).problemsFor(v, listen)) {
                p.add(new ConfigProblem(key, uri, withoutUri(uri, reason)));
            }
        } catch (IllegalArgumentException e) {
            p.add(new ConfigProblem(key, uri, withoutUri(uri, e.getMessage())));
        }
    }

    /** PeerUri's messages start with the URI, which the problem shows as its value already. */
    private static String withoutUri(String uri, String message) {
        String prefix = uri.strip() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
