package org.veilor.seed.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.veilor.seed.Announcement;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.NodeId;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * What the seed index knows about other nodes: verified announcements (the newest per node, service
 * and name), the known peers and who answered there, and strikes against providers that lied.
 */
final class PeerIndex {

    /** A configured peer and what was last heard from it. */
    record Peer(String address, NodeId node, long lastSeen, String lastError) {
    }

    private static final String COLUMNS = "node, service, name, hash, size, ticket, issued, signature";

    private final Jdbc db;

    PeerIndex(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    /**
     * Stores a verified announcement if it is newer than what this node has from the same node for
     * the same name. Returns whether it was new (and so worth passing on).
     */
    boolean put(Announcement a, long now) throws SQLException {
        String node = a.node().toHex();
        Optional<Long> issued = db.one("SELECT issued FROM seed_announcement WHERE node = ? AND service = ? AND name = ?",
                rs -> rs.getLong(1), node, a.service(), a.name());
        long at = a.issued().getEpochSecond();
        if (issued.isPresent() && issued.get() >= at) {
            return false;
        }
        String sig = HexFormat.of().formatHex(a.signature());
        db.upsert("UPDATE seed_announcement SET hash = ?, size = ?, ticket = ?, issued = ?, signature = ?, received = ? "
                + "WHERE node = ? AND service = ? AND name = ? AND issued < ?",
                new Object[] { a.hash().toHex(), a.size(), a.ticket().encode(), at, sig, now, node, a.service(), a.name(), at },
                "INSERT INTO seed_announcement (" + COLUMNS + ", received) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new Object[] { node, a.service(), a.name(), a.hash().toHex(), a.size(), a.ticket().encode(), at, sig, now });
        return true;
    }

    /** Unexpired announcements of a name, newest first. */
    List<Announcement> forName(String service, String name, Instant notBefore) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM seed_announcement WHERE service = ? AND name = ? AND issued >= ? "
                + "ORDER BY issued DESC, node", PeerIndex::row, service, name, notBefore.getEpochSecond());
    }

    /**
     * Unexpired announcements of a blob, one per node: providers with fewer strikes first, then the
     * most recently announced.
     */
    List<Announcement> providers(Blake3Hash hash, Instant notBefore) throws SQLException {
        List<Announcement> all = db.query("SELECT a.node, a.service, a.name, a.hash, a.size, a.ticket, a.issued, a.signature "
                + "FROM seed_announcement a LEFT JOIN seed_strike s ON s.node = a.node WHERE a.hash = ? AND a.issued >= ? "
                + "ORDER BY COALESCE(s.strikes, 0) ASC, a.issued DESC, a.node", PeerIndex::row, hash.toHex(),
                notBefore.getEpochSecond());
        java.util.Set<NodeId> seen = new java.util.HashSet<>();
        return all.stream().filter(a -> seen.add(a.node())).toList();
    }

    /** Unexpired announcements on the given services (to pass on to a peer subscribed to them). */
    List<Announcement> forServices(java.util.Collection<String> services, Instant notBefore) throws SQLException {
        if (services.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(services.size(), "?"));
        Object[] args = new Object[services.size() + 1];
        int i = 0;
        for (String s : services) {
            args[i++] = s;
        }
        args[i] = notBefore.getEpochSecond();
        return db.query("SELECT " + COLUMNS + " FROM seed_announcement WHERE service IN (" + marks + ") AND issued >= ? "
                + "ORDER BY service, name, node", PeerIndex::row, args);
    }

    /** Every announcement of one node, expired ones too (this node's own, to re-sign them). */
    List<Announcement> ofNode(NodeId node) throws SQLException {
        return db.query("SELECT " + COLUMNS + " FROM seed_announcement WHERE node = ? ORDER BY service, name", PeerIndex::row,
                node.toHex());
    }

    /** Forgets a node's announcements of a blob (it lied, or no longer holds it). */
    int dropProvider(NodeId node, Blake3Hash hash) throws SQLException {
        return db.update("DELETE FROM seed_announcement WHERE node = ? AND hash = ?", node.toHex(), hash.toHex());
    }

    /** Deletes announcements issued before {@code notBefore}; returns how many. */
    int expire(Instant notBefore) throws SQLException {
        return db.update("DELETE FROM seed_announcement WHERE issued < ?", notBefore.getEpochSecond());
    }

    void peerSeen(String address, NodeId node, long now) throws SQLException {
        db.upsert("UPDATE seed_peer SET node = ?, last_seen = ?, last_error = NULL, updated = ? WHERE address = ?",
                new Object[] { node.toHex(), now, now, address },
                "INSERT INTO seed_peer (address, node, last_seen, last_error, updated) VALUES (?, ?, ?, NULL, ?)",
                new Object[] { address, node.toHex(), now, now });
    }

    void peerFailed(String address, String error, long now) throws SQLException {
        String e = error.length() > 500 ? error.substring(0, 500) : error;
        db.upsert("UPDATE seed_peer SET last_error = ?, updated = ? WHERE address = ?", new Object[] { e, now, address },
                "INSERT INTO seed_peer (address, node, last_seen, last_error, updated) VALUES (?, NULL, 0, ?, ?)",
                new Object[] { address, e, now });
    }

    Optional<Peer> peer(String address) throws SQLException {
        return db.one("SELECT address, node, last_seen, last_error FROM seed_peer WHERE address = ?",
                rs -> new Peer(rs.getString(1), rs.getString(2) == null ? null : NodeId.parse(rs.getString(2)), rs.getLong(3),
                        rs.getString(4)), address);
    }

    /** Adds a strike against a provider; returns its strikes now. */
    int strike(NodeId node, long now) throws SQLException {
        db.upsert("UPDATE seed_strike SET strikes = strikes + 1, last_strike = ? WHERE node = ?", new Object[] { now, node.toHex() },
                "INSERT INTO seed_strike (node, strikes, last_strike) VALUES (?, 1, ?)", new Object[] { node.toHex(), now });
        return strikes(node);
    }

    int strikes(NodeId node) throws SQLException {
        return (int) db.number("SELECT strikes FROM seed_strike WHERE node = ?", node.toHex());
    }

    private static Announcement row(ResultSet rs) throws SQLException {
        return new Announcement(rs.getString(2), rs.getString(3), Blake3Hash.parse(rs.getString(4)), rs.getLong(5),
                BlobTicket.parse(rs.getString(6)), Instant.ofEpochSecond(rs.getLong(7)), NodeId.parse(rs.getString(1)),
                HexFormat.of().parseHex(rs.getString(8).strip()));
    }
}
