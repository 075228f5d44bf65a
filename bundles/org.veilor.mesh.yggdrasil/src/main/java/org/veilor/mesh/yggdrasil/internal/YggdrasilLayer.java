package org.veilor.mesh.yggdrasil.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Host;
import org.veilor.mesh.Floor;
import org.veilor.mesh.LayerKind;
import org.veilor.mesh.LayerStatus;
import org.veilor.mesh.MeshContext;
import org.veilor.mesh.MeshLayer;

/**
 * L3b: yggdrasil seen through its admin socket. Each probe first keeps yggdrasil.conf in step
 * ({@link ConfigSync}), then asks {@code getSelf} and {@code getPeers} and judges the answer
 * ({@link YggAssessment}). Promotion adds the failover peers with {@code addPeer}, demotion removes
 * them with {@code removePeer}; they live only in the running daemon, so after a daemon restart a
 * probe of a promoted layer adds them again.
 */
public class YggdrasilLayer implements MeshLayer {

    private static final Set<Floor> FLOORS = Set.of(Floor.I, Floor.II);

    private final Logger logger = LoggerFactory.getLogger(YggdrasilLayer.class);
    private final Supplier<YggdrasilSettings> settings;
    private final ConfigSync sync;
    private volatile boolean promoted;
    /** Peers this layer added through the admin socket and has not removed. */
    private final Set<String> added = new LinkedHashSet<>();
    private volatile MeshContext lastContext = MeshContext.empty();
    private volatile LayerStatus lastStatus;

    public YggdrasilLayer(Host host, Supplier<YggdrasilSettings> settings) {
        this.settings = settings;
        this.sync = new ConfigSync(host);
    }

    @Override
    public String id() {
        return "yggdrasil";
    }

    @Override
    public LayerKind kind() {
        return LayerKind.L3B;
    }

    @Override
    public Set<Floor> floors() {
        return FLOORS;
    }

    @Override
    public boolean promotable() {
        return !settings.get().failoverPeers().isEmpty();
    }

    public boolean promoted() {
        return promoted;
    }

    ConfigSync sync() {
        return sync;
    }

    MeshContext lastContext() {
        return lastContext;
    }

    @Override
    public synchronized LayerStatus probe(MeshContext context) {
        lastContext = context;
        LayerStatus s = look(settings.get(), context);
        lastStatus = s;
        return s;
    }

    /** The last probe's result, or null before the first. */
    LayerStatus lastStatus() {
        return lastStatus;
    }

    private LayerStatus look(YggdrasilSettings s, MeshContext context) {
        ConfigSync.Outcome o;
        try {
            o = sync.sync(s);
        } catch (ConfigSync.Blocked e) {
            return LayerStatus.down(e.getMessage());
        }
        AdminClient admin;
        try {
            admin = client(s);
        } catch (IOException e) {
            return LayerStatus.down(e.getMessage());
        }
        Daemon d;
        try {
            d = Daemon.ask(admin);
            if (promoted && keepPromoted(admin, s, d.peers())) {
                d = Daemon.ask(admin);
            }
        } catch (IOException e) {
            return unreachable(s, e, o.notes());
        }
        List<String> warnings = new ArrayList<>(s.warnings());
        warnings.addAll(o.notes());
        return YggAssessment.assess(new YggAssessment.Observation(d.self(), d.peers(), configured(s), promoted, o.version(),
                o.key(), warnings), context);
    }

    /** The outbound peers this node has now: the public peer, and the failover peers while promoted. */
    List<PeerUri> configured(YggdrasilSettings s) {
        List<PeerUri> list = new ArrayList<>();
        list.add(s.publicUri());
        if (promoted) {
            list.addAll(s.failoverUris());
        }
        return list;
    }

    LayerStatus unreachable(YggdrasilSettings s, IOException e, List<String> notes) {
        String enabled = sync.systemctl(s, "is-enabled").stdout().strip();
        if (enabled.equals("disabled") || enabled.equals("masked")) {
            return LayerStatus.disabled(s.unit() + " is " + enabled + "; the strategy keeps Yggdrasil enabled (rule 6)");
        }
        return LayerStatus.down("daemon unreachable: " + e.getMessage() + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
    }

    AdminClient client(YggdrasilSettings s) throws IOException {
        return new AdminClient(sync.realAdmin(s), Duration.ofSeconds(s.adminTimeoutSeconds()));
    }

    @Override
    public synchronized void promote() throws IOException {
        YggdrasilSettings s = settings.get();
        if (s.failoverPeers().isEmpty()) {
            throw new IOException("no failover peers are configured (failoverPeers of " + YggdrasilSettings.PID + ")");
        }
        AdminClient admin = client(s);
        for (String peer : s.failoverPeers()) {
            addPeer(admin, peer);
        }
        promoted = true;
        logger.info("L3b promoted: failover peers {} added to yggdrasil", s.failoverPeers());
    }

    @Override
    public synchronized void demote() throws IOException {
        YggdrasilSettings s = settings.get();
        AdminClient admin = client(s);
        Set<String> remove = new LinkedHashSet<>(added);
        remove.addAll(s.failoverPeers());
        for (String peer : remove) {
            removePeer(admin, peer);
        }
        promoted = false;
        logger.info("L3b demoted: failover peers {} removed from yggdrasil", remove);
    }

    /**
     * Adds failover peers the daemon lost (it restarted) and removes ones no longer configured.
     * Returns whether it changed anything.
     */
    private boolean keepPromoted(AdminClient admin, YggdrasilSettings s, List<DaemonPeer> peers) throws IOException {
        boolean changed = false;
        for (String old : List.copyOf(added)) {
            if (!s.failoverPeers().contains(old)) {
                removePeer(admin, old);
                changed = true;
            }
        }
        for (PeerUri f : s.failoverUris()) {
            boolean listed = peers.stream().anyMatch(p -> YggAssessment.match(p, List.of(f)) != null);
            if (!listed) {
                // 0.4 lists only connected peers: "already configured" then means it is being dialled.
                changed |= addPeer(admin, f.raw());
            }
        }
        return changed;
    }

    /** addPeer; true when the daemon took it, false when it had it already. */
    private boolean addPeer(AdminClient admin, String peer) throws IOException {
        try {
            admin.request("addPeer", Map.of("uri", peer));
            added.add(peer);
            return true;
        } catch (AdminClient.DaemonError e) {
            if (e.daemonMessage().contains("already configured")) {
                added.add(peer);
                return false;
            }
            throw e;
        }
    }

    private void removePeer(AdminClient admin, String peer) throws IOException {
        try {
            admin.request("removePeer", Map.of("uri", peer));
        } catch (AdminClient.DaemonError e) {
            if (!e.daemonMessage().contains("not configured")) {
                throw e;
            }
        }
        added.remove(peer);
    }

    /** getSelf and getPeers of one moment. */
    record Daemon(DaemonSelf self, List<DaemonPeer> peers) {
        static Daemon ask(AdminClient admin) throws IOException {
            JsonNode self = admin.request("getSelf");
            JsonNode peers = admin.request("getPeers");
            return new Daemon(AdminResponses.self(self), AdminResponses.peers(peers));
        }
    }
}
