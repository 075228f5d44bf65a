package org.veilor.mesh.yggdrasil.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.FileAttrs;
import org.veilor.core.Host;
import org.veilor.mesh.LayerStatus;

/**
 * What the {@code ygg:*} commands ask of a configured node: live status, the rendered config (its
 * secret left out), and the node key. Published by {@link YggdrasilAgent} once its configuration
 * is valid.
 */
public class YggdrasilNode {

    private static final String REDACTED = "(secret: 128 hex digits, in the file only)";

    private final Logger logger = LoggerFactory.getLogger(YggdrasilNode.class);
    private final Host host;
    private final Supplier<YggdrasilSettings> settings;
    private final YggdrasilLayer layer;

    public YggdrasilNode(Host host, Supplier<YggdrasilSettings> settings, YggdrasilLayer layer) {
        this.host = host;
        this.settings = settings;
        this.layer = layer;
    }

    public YggdrasilSettings settings() {
        return settings.get();
    }

    /** The live picture: the daemon's own answer now, judged with the last login server the supervisor knew. */
    public record Status(LayerStatus assessment, YggVersion version, String nodeKey, DaemonSelf self,
            List<YggAssessment.PeerState> configured, List<DaemonPeer> peers, boolean promoted, List<String> warnings,
            String adminEndpoint) {
    }

    public Status status() {
        YggdrasilSettings s = settings.get();
        ConfigSync sync = layer.sync();
        YggVersion v = null;
        NodeKey key = null;
        String endpoint = s.adminListen();
        try {
            v = sync.version(s);
            key = sync.key(s);
            endpoint = sync.realAdmin(s);
            YggdrasilLayer.Daemon d = YggdrasilLayer.Daemon.ask(layer.client(s));
            YggAssessment.Observation o = new YggAssessment.Observation(d.self(), d.peers(), layer.configured(s),
                    layer.promoted(), v, key, s.warnings());
            return new Status(YggAssessment.assess(o, layer.lastContext()), v, key.publicHex(), d.self(),
                    YggAssessment.states(o), d.peers(), layer.promoted(), s.warnings(), endpoint);
        } catch (ConfigSync.Blocked e) {
            return new Status(LayerStatus.down(e.getMessage()), v, key == null ? null : key.publicHex(), null, List.of(),
                    List.of(), layer.promoted(), s.warnings(), endpoint);
        } catch (IOException e) {
            // Unreachable: disabled by an admin, or down.
            return new Status(layer.unreachable(s, e, List.of()), v, key == null ? null : key.publicHex(), null, List.of(),
                    List.of(), layer.promoted(), s.warnings(), endpoint);
        }
    }

    /**
     * The yggdrasil.conf this node writes, for a dialect or the installed release, with the 0.4
     * inline private key replaced by a marker.
     */
    public record Preview(YggVersion version, String text, List<ConfigProblem> problems, String blocker) {
    }

    public Preview preview(Optional<YggVersion.Dialect> dialect) {
        YggdrasilSettings s = settings.get();
        ConfigSync sync = layer.sync();
        YggVersion v;
        try {
            v = dialect.isPresent() ? (dialect.get() == YggVersion.Dialect.V0_4 ? YggVersion.DIALECT_04 : YggVersion.DIALECT_05)
                    : sync.version(s);
        } catch (ConfigSync.Blocked e) {
            return new Preview(null, null, List.of(), e.getMessage());
        }
        NodeKey key;
        try {
            key = sync.key(s);
        } catch (ConfigSync.Blocked e) {
            return new Preview(v, null, List.of(), e.getMessage());
        }
        try {
            String text = ConfigWriter.render(s.nodeConf(sync.realAdmin(s), host.resolve(s.keyPath()).toString()).withKey(key), v);
            return new Preview(v, text.replace(key.privateHex(), REDACTED), List.of(), null);
        } catch (ConfigProblems e) {
            return new Preview(v, null, e.problems(), null);
        } catch (IOException e) {
            return new Preview(v, null, List.of(), e.getMessage());
        }
    }

    /**
     * Makes the node key at the configured path (as the first-boot unit does), 0600 and owned by the
     * service user. Refuses to replace one unless {@code force}: a new key is a new address.
     */
    public NodeKey keygen(boolean force) throws IOException {
        YggdrasilSettings s = settings.get();
        if (host.exists(s.keyPath()) && !force) {
            String current;
            try {
                current = NodeKey.fromPem(host.read(s.keyPath())).publicHex();
            } catch (IllegalArgumentException e) {
                current = "unreadable: " + e.getMessage();
            }
            throw new IllegalStateException("the node key " + s.keyPath() + " exists already (public key " + current
                    + "); --force replaces it, which gives this node a new address");
        }
        NodeKey key = NodeKey.generate(new SecureRandom());
        host.mkdirs(ConfigSync.parent(s.keyPath()), s.serviceUser().isEmpty() ? FileAttrs.PRIVATE_FOLDER
                : new FileAttrs(0750, null, s.serviceUser()));
        host.writeAtomic(s.keyPath(), key.pem().getBytes(StandardCharsets.UTF_8), layer.sync().owned(s));
        logger.info("new node key at {}: public key {}, address {}", s.keyPath(), key.publicHex(),
                YggAddress.addressText(key.publicKey()));
        return key;
    }

    /** The node key's public half, from its file. */
    public NodeKey nodeKey() throws IOException {
        try {
            return layer.sync().key(settings.get());
        } catch (ConfigSync.Blocked e) {
            throw new IOException(e.getMessage());
        }
    }
}
