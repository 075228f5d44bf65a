package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Folders;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * What this node holds, the store's files and the index's rows kept in step: origin files hashed in
 * place, copies added by hand, blobs opened for reading, and the recovery that runs before anything
 * else at start (removing what a crash left half-done: temporary files, data or outboards the index
 * does not name, rows whose files are gone).
 */
final class Holdings {

    /** Names bound by {@code seed:add} carry this mtime: no watched file backs them, rescans leave them. */
    static final long ADDED_MTIME = -1;

    private final Logger logger = LoggerFactory.getLogger(Holdings.class);
    private final BlobStore store;
    private final BlobIndex index;
    private final Blake3 engine;
    private final Clock clock;
    /** The watched folder (host path) of a service, if it has one. */
    private final Function<String, Optional<String>> folders;

    Holdings(BlobStore store, BlobIndex index, Blake3 engine, Clock clock, Function<String, Optional<String>> folders) {
        this.store = store;
        this.index = index;
        this.engine = engine;
        this.clock = clock;
        this.folders = folders;
    }

    /** Hashes an origin file in place and binds the name to it; returns the hash and size. */
    BlobStore.Stored ingestOrigin(ServiceSettings service, String name, Path file) throws IOException {
        long mtime = Files.getLastModifiedTime(file).toMillis();
        BlobStore.Stored s = store.outboardInPlace(file);
        try {
            Optional<BlobIndex.Blob> before = index.blob(s.hash());
            index.put(s.hash(), s.size(), BlobIndex.Kind.ORIGIN, service.folder().orElseThrow() + "/" + name, clock.millis());
            if (before.isPresent() && before.get().kind() != BlobIndex.Kind.ORIGIN) {
                store.deleteData(s.hash()); // the origin file now serves it; the copy goes
            }
            Optional<BlobIndex.Name> old = index.name(service.name(), name);
            index.putName(service.name(), name, s.hash(), s.size(), mtime, clock.millis());
            if (old.isPresent() && !old.get().hash().equals(s.hash())) {
                forgetIfUnnamed(old.get().hash());
            }
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        return s;
    }

    /** Unbinds a name; an origin blob no other name refers to is forgotten with its outboard. */
    void removeName(String service, String name) throws IOException {
        try {
            Optional<BlobIndex.Name> n = index.name(service, name);
            index.deleteName(service, name);
            if (n.isPresent()) {
                forgetIfUnnamed(n.get().hash());
            }
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
    }

    private void forgetIfUnnamed(Blake3Hash hash) throws SQLException, IOException {
        Optional<BlobIndex.Blob> b = index.blob(hash);
        if (b.isPresent() && b.get().kind() == BlobIndex.Kind.ORIGIN && index.namesOf(hash).isEmpty()) {
            index.delete(hash);
            store.deleteOutboard(hash);
        }
    }

    /** Copies a stream into the store as a pinned blob. */
    BlobStore.Stored add(InputStream in) throws IOException {
        BlobStore.Stored s = store.importCopy(in);
        try {
            index.put(s.hash(), s.size(), BlobIndex.Kind.ADDED, null, clock.millis());
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        return s;
    }

    /** Whether a complete blob is held. */
    boolean holds(Blake3Hash hash) throws IOException {
        try {
            return index.blob(hash).isPresent();
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a held blob; an origin is read where it lies (its recorded file, else another file bound
     * to the same hash). Empty when the blob is not held or its file is gone or changed size.
     */
    Optional<BlobSource> open(Blake3Hash hash) throws IOException {
        Optional<BlobIndex.Blob> row;
        List<BlobIndex.Name> names;
        try {
            row = index.blob(hash);
            names = row.isPresent() && row.get().kind() == BlobIndex.Kind.ORIGIN ? index.namesOf(hash) : List.of();
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
        if (row.isEmpty()) {
            return Optional.empty();
        }
        BlobIndex.Blob b = row.get();
        List<Path> candidates = new ArrayList<>();
        if (b.kind() != BlobIndex.Kind.ORIGIN) {
            candidates.add(store.data(hash));
        } else {
            candidates.add(store.host().resolve(b.originPath()));
            for (BlobIndex.Name n : names) {
                folders.apply(n.service()).ifPresent(f -> {
                    try {
                        candidates.add(store.host().resolve(f + "/" + n.name()));
                    } catch (IOException e) {
                        logger.debug("cannot resolve {}/{}: {}", f, n.name(), e.getMessage());
                    }
                });
            }
        }
        for (Path p : candidates) {
            // Eviction (or the owner of an origin file) may remove the data or the outboard between
            // the index read and the opening: a file gone is tried no further, as if never indexed.
            Optional<BlobSource> src = Folders.ifPresent(p, f -> Files.isRegularFile(f) && Files.size(f) == b.size()
                    ? openUnlessGone(hash, b.size(), f) : null);
            if (src.isPresent()) {
                return src;
            }
        }
        logger.debug("blob {} is indexed but its file is gone or changed", hash.toShortHex());
        return Optional.empty();
    }

    /** Opens a blob's data and outboard; null when the outboard is gone (the blob was evicted meanwhile). */
    private BlobSource openUnlessGone(Blake3Hash hash, long size, Path data) throws IOException {
        Path outboard = store.outboard(hash);
        try {
            return BlobSource.open(engine, hash, size, data, outboard);
        } catch (IOException e) {
            if (Folders.gone(e, outboard)) {
                return null;
            }
            throw e;
        }
    }

    /** Marks a blob as read now (LRU order). */
    void touch(Blake3Hash hash) {
        try {
            index.touch(hash, clock.millis());
        } catch (SQLException e) {
            logger.debug("seed index: {}", e.getMessage());
        }
    }

    /**
     * Brings files and index in step after a start (a crash may have struck anywhere in a write).
     * Returns a line for the log.
     */
    String recover() throws IOException, SQLException {
        int tmp = store.clearTmp();
        for (Path p : Folders.list(store.root().resolve("partial"), ".*")) {
            if (Files.deleteIfExists(p)) { // a state file whose atomic write was cut short
                tmp++;
            }
        }
        Set<Blake3Hash> owned = new HashSet<>();
        Set<Blake3Hash> all = new HashSet<>();
        int rows = 0;
        for (BlobIndex.Kind k : BlobIndex.Kind.values()) {
            for (BlobIndex.Blob b : index.blobs(k)) {
                all.add(b.hash());
                if (k == BlobIndex.Kind.ORIGIN) {
                    continue; // origin files are checked by the watcher's rescan
                }
                Path data = store.data(b.hash());
                if (!Files.isRegularFile(data) || Files.size(data) != b.size()) {
                    index.delete(b.hash());
                    all.remove(b.hash());
                    rows++;
                } else {
                    owned.add(b.hash());
                }
            }
        }
        int orphans = 0;
        for (Blake3Hash h : store.storedData()) {
            if (!owned.contains(h)) {
                store.deleteData(h);
                orphans++;
            }
        }
        for (Blake3Hash h : store.storedOutboards()) {
            if (!all.contains(h)) {
                store.deleteOutboard(h);
                orphans++;
            }
        }
        return "removed " + tmp + " unfinished files, " + orphans + " unindexed blobs or outboards, " + rows
                + " index rows whose files were gone";
    }

    /** Names bound to files of a watched folder (names added by hand are left out). */
    Map<String, BlobIndex.Name> watchedNames(String service) throws IOException {
        try {
            Map<String, BlobIndex.Name> m = new java.util.HashMap<>(index.names(service));
            m.values().removeIf(n -> n.mtime() == ADDED_MTIME);
            return m;
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
    }
}
