package org.veilor.seed.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.NodeId;
import org.veilor.seed.Topics;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * Announcements between seed nodes. This node signs its own (names it binds, blobs it can provide),
 * receives others' and keeps those that verify and concern a service it follows, and spreads both
 * to its known peers per topic: a peer gets what is on the topics it says it follows ({@code hello}),
 * each new announcement is passed on once (so a flood ends), and own announcements are re-signed
 * every period, before they expire. A name is believed only from a trusted origin; any verified
 * announcement of a hash makes its node a provider of that hash (bytes are checked anyway).
 */
final class Gossip {

    /** Announcements per POST. */
    private static final int BATCH = 500;

    /** An announcement to spread, and the node (hex id) it came from, which does not get it back. */
    private record Pending(Announcement announcement, String except) {
    }

    private final Logger logger = LoggerFactory.getLogger(Gossip.class);
    private final NodeIdentity identity;
    private final InetSocketAddress transport;
    private final List<InetSocketAddress> knownPeers;
    private final Duration ttl;
    private final PeerIndex peers;
    private final PeerClient client;
    private final Clock clock;
    /** The followed services by name. */
    private final Supplier<Map<String, ServiceSettings>> services;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final Map<String, PeerClient.Hello> hellos = new ConcurrentHashMap<>();

    Gossip(NodeIdentity identity, InetSocketAddress transport, List<InetSocketAddress> knownPeers, Duration ttl, PeerIndex peers,
            PeerClient client, Clock clock, Supplier<Map<String, ServiceSettings>> services) {
        this.identity = identity;
        this.transport = transport;
        this.knownPeers = List.copyOf(knownPeers);
        this.ttl = ttl;
        this.peers = peers;
        this.client = client;
        this.clock = clock;
        this.services = services;
    }

    NodeId self() {
        return identity.id();
    }

    /** This node's ticket for a blob: its transport address, no relay. */
    BlobTicket ticket(Blake3Hash hash) {
        return BlobTicket.direct(identity.id(), List.of(transport), hash);
    }

    /** Signs, stores and queues for spreading this node's announcement of a name. */
    Announcement announce(String service, String name, Blake3Hash hash, long size) throws SQLException {
        Announcement a = Announcement.sign(service, name, size, ticket(hash), clock.instant(), identity.privateKey());
        peers.put(a, clock.millis());
        queue.add(new Pending(a, null));
        return a;
    }

    /** Earliest issue time still valid. */
    Instant notBefore() {
        return clock.instant().minus(ttl);
    }

    /**
     * Takes announcements from a peer (or a lookup): verified, on a followed topic, unexpired, not
     * this node's own; new ones are stored and queued for the other peers. Returns how many were new.
     *
     * @param from the sending node's id in hex, as it said (only used not to echo them back), or null
     */
    int receive(Collection<Announcement> received, List<String> problems, String from) throws SQLException {
        Instant now = clock.instant();
        Set<String> followed = services.get().keySet();
        int fresh = 0;
        for (Announcement a : received) {
            if (a.node().equals(identity.id())) {
                continue; // our own, echoed back
            }
            String problem = a.problem(now);
            if (problem == null && !followed.contains(a.service())) {
                problem = "service " + a.service() + " is not followed here";
            }
            if (problem == null && a.issued().isBefore(notBefore())) {
                problem = "it expired";
            }
            if (problem != null) {
                problems.add(a.service() + "/" + a.name() + " from " + a.node().toShortHex() + ": " + problem);
                logger.debug("refused announcement {}/{} from {}: {}", a.service(), a.name(), a.node().toShortHex(), problem);
                continue;
            }
            if (peers.put(a, clock.millis())) {
                fresh++;
                queue.add(new Pending(a, from));
            }
        }
        return fresh;
    }

    /** Whether {@code node} may bind names of {@code service}: this node, a configured origin, or else a known peer. */
    boolean trusted(String service, NodeId node) {
        if (node.equals(identity.id())) {
            return true;
        }
        ServiceSettings s = services.get().get(service);
        if (s == null) {
            return false;
        }
        if (!s.origins().isEmpty()) {
            return s.origins().contains(node);
        }
        return knownPeerNodes().contains(node);
    }

    private Set<NodeId> knownPeerNodes() {
        Set<NodeId> nodes = new java.util.HashSet<>();
        for (InetSocketAddress p : knownPeers) {
            try {
                peers.peer(Addresses.format(p)).map(PeerIndex.Peer::node).ifPresent(nodes::add);
            } catch (SQLException e) {
                logger.debug("seed index: {}", e.getMessage());
            }
        }
        return nodes;
    }

    /**
     * The newest trusted binding of a name; when none is known, asks the known peers first.
     */
    Optional<Announcement> resolve(String service, String name) throws SQLException {
        Optional<Announcement> known = trustedBinding(service, name);
        if (known.isPresent() || knownPeers.isEmpty()) {
            return known;
        }
        for (InetSocketAddress p : knownPeers) {
            try {
                receive(client.lookup(p, service, name), new ArrayList<>(), null);
            } catch (IOException e) {
                logger.debug("lookup of {}/{} at {}: {}", service, name, Addresses.format(p), e.getMessage());
            }
        }
        return trustedBinding(service, name);
    }

    private Optional<Announcement> trustedBinding(String service, String name) throws SQLException {
        return peers.forName(service, name, notBefore()).stream().filter(a -> trusted(service, a.node())).findFirst();
    }

    /** Tickets of other nodes that announced a blob, best first. */
    List<BlobTicket> providers(Blake3Hash hash) throws SQLException {
        return peers.providers(hash, notBefore()).stream().filter(a -> !a.node().equals(identity.id()))
                .map(Announcement::ticket).toList();
    }

    /** What this node knows of a name, for a peer's lookup. */
    List<Announcement> known(String service, String name) throws SQLException {
        return peers.forName(service, name, notBefore());
    }

    /** Sends queued announcements to every known peer following their topics. */
    void flush() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; (p = queue.poll()) != null;) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            push(batch);
        }
    }

    /** Re-signs the given own bindings (service, name, hash, size), expires old announcements and pushes. */
    void refresh(List<BlobIndex.Name> own) throws SQLException {
        for (BlobIndex.Name n : own) {
            if (services.get().containsKey(n.service())) {
                announce(n.service(), n.name(), n.hash(), n.size());
            }
        }
        int expired = peers.expire(notBefore());
        if (expired > 0) {
            logger.debug("{} announcements expired", expired);
        }
        for (InetSocketAddress p : knownPeers) {
            hello(p);
        }
        flush();
    }

    private void push(List<Pending> batch) {
        for (InetSocketAddress p : knownPeers) {
            String address = Addresses.format(p);
            PeerClient.Hello h = hello(p);
            if (h == null) {
                continue;
            }
            List<Announcement> out = batch.stream().filter(x -> !h.node().toHex().equals(x.except()))
                    .map(Pending::announcement).filter(a -> h.topics().contains(Topics.of(a.service()).toHex()))
                    .filter(a -> !a.node().equals(h.node())).toList();
            try {
                int taken = 0;
                for (int i = 0; i < out.size(); i += BATCH) {
                    taken += client.announce(p, identity.id(), out.subList(i, Math.min(out.size(), i + BATCH)));
                }
                if (!out.isEmpty()) {
                    logger.debug("sent {} announcements to {}: {} new there", out.size(), address, taken);
                }
            } catch (IOException e) {
                failed(address, e);
            }
        }
    }

    /** Asks a peer who it is; remembers the answer (or the failure) for status and trust. */
    PeerClient.Hello hello(InetSocketAddress p) {
        String address = Addresses.format(p);
        try {
            PeerClient.Hello h = client.hello(p);
            peers.peerSeen(address, h.node(), clock.millis());
            hellos.put(address, h);
            return h;
        } catch (IOException e) {
            failed(address, e);
            return null;
        } catch (SQLException e) {
            logger.debug("seed index: {}", e.getMessage());
            return null;
        }
    }

    private void failed(String address, IOException e) {
        logger.debug("peer {}: {}", address, e.getMessage());
        hellos.remove(address);
        try {
            peers.peerFailed(address, e.getMessage() == null ? e.toString() : e.getMessage(), clock.millis());
        } catch (SQLException ex) {
            logger.debug("seed index: {}", ex.getMessage());
        }
    }

    List<InetSocketAddress> knownPeers() {
        return knownPeers;
    }

    /** Whether a peer answered its last hello. */
    boolean up(String address) {
        return hellos.containsKey(address);
    }
}
