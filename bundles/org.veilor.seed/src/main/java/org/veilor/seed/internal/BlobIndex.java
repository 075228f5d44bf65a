package org.veilor.seed.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.veilor.core.db.SchemaMigrations;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * The seed index's blobs and names in the instance database (H2 or PostgreSQL, same SQL): what this
 * node holds, how it holds it, when each cached blob was last read (the LRU order survives
 * restarts), and the names it binds.
 */
final class BlobIndex {

    /** How a blob is held. Origins beat added copies beat cache entries when one hash is held twice. */
    enum Kind {
        ORIGIN, ADDED, CACHE;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind of(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }

        boolean pinned() {
            return this != CACHE;
        }
    }

    /** A complete blob. {@code originPath} is the host path of an origin file, else null. */
    record Blob(Blake3Hash hash, long size, Kind kind, String originPath, long lastAccess) {
    }

    /** A bound name; {@code mtime} is the origin file's when it was hashed (0 for added files). */
    record Name(String service, String name, Blake3Hash hash, long size, long mtime) {
    }

    static final String OWNER = "org.veilor.seed";

    private final Jdbc db;

    BlobIndex(DataSource dataSource) {
        this.db = new Jdbc(dataSource);
    }

    /** Applies the seed index migrations (once per database). */
    static void migrate(DataSource dataSource) throws SQLException, IOException {
        SchemaMigrations.apply(dataSource, OWNER, SchemaMigrations.load(BlobIndex.class, "db/seed", "V1__seed_index.sql"));
    }

    /**
     * Records a complete blob. A hash already held keeps the stronger kind (origin over added over
     * cache); an origin also records its file.
     */
    void put(Blake3Hash hash, long size, Kind kind, String originPath, long now) throws SQLException {
        Optional<Blob> existing = blob(hash);
        if (existing.isPresent() && existing.get().kind().ordinal() < kind.ordinal()) {
            touch(hash, now);
            return;
        }
        String h = hash.toHex();
        db.upsert("UPDATE seed_blob SET size = ?, kind = ?, origin_path = ?, last_access = ? WHERE hash = ?",
                new Object[] { size, kind.column(), originPath, now, h },
                "INSERT INTO seed_blob (hash, size, kind, origin_path, last_access, created) VALUES (?, ?, ?, ?, ?, ?)",
                new Object[] { h, size, kind.column(), originPath, now, now });
    }

    Optional<Blob> blob(Blake3Hash hash) throws SQLException {
        return db.one("SELECT hash, size, kind, origin_path, last_access FROM seed_blob WHERE hash = ?", BlobIndex::blobRow,
                hash.toHex());
    }

    /** Marks a blob as read now (LRU). */
    void touch(Blake3Hash hash, long now) throws SQLException {
        db.update("UPDATE seed_blob SET last_access = ? WHERE hash = ? AND last_access < ?", now, hash.toHex(), now);
    }

    void delete(Blake3Hash hash) throws SQLException {
        db.update("DELETE FROM seed_blob WHERE hash = ?", hash.toHex());
    }

    List<Blob> blobs(Kind kind) throws SQLException {
        return db.query("SELECT hash, size, kind, origin_path, last_access FROM seed_blob WHERE kind = ? ORDER BY hash",
                BlobIndex::blobRow, kind.column());
    }

    /** Cached blobs, least recently read first (ties by hash, so the order is total). */
    List<Blob> evictionOrder() throws SQLException {
        return db.query("SELECT hash, size, kind, origin_path, last_access FROM seed_blob WHERE kind = 'cache' "
                + "ORDER BY last_access ASC, hash ASC", BlobIndex::blobRow);
    }

    long bytes(Kind kind) throws SQLException {
        return db.number("SELECT COALESCE(SUM(size), 0) FROM seed_blob WHERE kind = ?", kind.column());
    }

    long count() throws SQLException {
        return db.number("SELECT COUNT(*) FROM seed_blob");
    }

    void putName(String service, String name, Blake3Hash hash, long size, long mtime, long now) throws SQLException {
        db.upsert("UPDATE seed_name SET hash = ?, size = ?, mtime = ?, updated = ? WHERE service = ? AND name = ?",
                new Object[] { hash.toHex(), size, mtime, now, service, name },
                "INSERT INTO seed_name (service, name, hash, size, mtime, updated) VALUES (?, ?, ?, ?, ?, ?)",
                new Object[] { service, name, hash.toHex(), size, mtime, now });
    }

    Optional<Name> name(String service, String name) throws SQLException {
        return db.one("SELECT service, name, hash, size, mtime FROM seed_name WHERE service = ? AND name = ?", BlobIndex::nameRow,
                service, name);
    }

    /** A service's names, by name. */
    Map<String, Name> names(String service) throws SQLException {
        return db.query("SELECT service, name, hash, size, mtime FROM seed_name WHERE service = ?", BlobIndex::nameRow, service)
                .stream().collect(Collectors.toMap(Name::name, n -> n));
    }

    List<Name> allNames() throws SQLException {
        return db.query("SELECT service, name, hash, size, mtime FROM seed_name ORDER BY service, name", BlobIndex::nameRow);
    }

    List<Name> namesOf(Blake3Hash hash) throws SQLException {
        return db.query("SELECT service, name, hash, size, mtime FROM seed_name WHERE hash = ? ORDER BY service, name",
                BlobIndex::nameRow, hash.toHex());
    }

    void deleteName(String service, String name) throws SQLException {
        db.update("DELETE FROM seed_name WHERE service = ? AND name = ?", service, name);
    }

    private static Blob blobRow(java.sql.ResultSet rs) throws SQLException {
        return new Blob(Blake3Hash.parse(rs.getString(1)), rs.getLong(2), Kind.of(rs.getString(3)), rs.getString(4), rs.getLong(5));
    }

    private static Name nameRow(java.sql.ResultSet rs) throws SQLException {
        return new Name(rs.getString(1), rs.getString(2), Blake3Hash.parse(rs.getString(3)), rs.getLong(4), rs.getLong(5));
    }
}
