package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.core.Folders;
import org.veilor.seed.NodeId;
import org.veilor.seed.Seeder;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * The LRU cache of pulled blobs under its cap. Usage is the cached blobs plus every partial pull on
 * disk (counted at full size: they will be). {@link #makeRoom} runs before a pull writes and after
 * every insert: least recently read blobs go first (the read times live in the index, so the order
 * survives restarts), then paused partial pulls; pulls in flight are never touched. Origin and
 * added blobs are pinned and outside the cap.
 *
 * <p>Pulls change {@code partial/} while it is counted; a partial gone between the listing and its
 * reading is not counted, and one that appears is counted next time. Whatever changes the sum (a
 * pull taking room, a committed pull turning from partial into cached blob) does so holding this
 * object's lock, as counting and eviction do, so under the lock the cap always holds.
 */
final class Cache {

    private final Logger logger = LoggerFactory.getLogger(Cache.class);
    private final BlobIndex index;
    private final PeerIndex peers;
    private final BlobStore store;
    private final NodeId self;
    private final Supplier<Set<Blake3Hash>> inFlight;
    private volatile long cap;

    Cache(BlobIndex index, PeerIndex peers, BlobStore store, NodeId self, long cap, Supplier<Set<Blake3Hash>> inFlight) {
        this.index = index;
        this.peers = peers;
        this.store = store;
        this.self = self;
        this.cap = cap;
        this.inFlight = inFlight;
    }

    long cap() {
        return cap;
    }

    void cap(long cap) {
        this.cap = cap;
    }

    /** Bytes the cache holds: complete cached blobs and partial pulls. */
    synchronized long usage() throws IOException {
        try {
            return index.bytes(BlobIndex.Kind.CACHE) + partials().stream().mapToLong(p -> p.size).sum();
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
    }

    /**
     * Evicts until the cache plus {@code incoming} new bytes fits under the cap.
     *
     * @throws IOException when {@code incoming} alone exceeds the cap, or does not fit beside the
     *         pulls in flight (which are never evicted): the cap holds, the pull can be tried later
     */
    synchronized Seeder.Evicted makeRoom(long incoming) throws IOException {
        if (incoming > cap) {
            throw new IOException("a blob of " + Sizes.format(incoming) + " does not fit in the cache cap of " + Sizes.format(cap));
        }
        Seeder.Evicted e = evictTo(cap, incoming);
        if (incoming > 0 && e.cacheBytes() + incoming > cap) {
            throw new IOException("no room for " + Sizes.format(incoming) + " in the cache (cap " + Sizes.format(cap) + "): pulls in"
                    + " flight hold " + Sizes.format(e.cacheBytes()) + "; try again when they finish");
        }
        return e;
    }

    /** Evicts until the cache plus {@code incoming} bytes is at most {@code target}. */
    synchronized Seeder.Evicted evictTo(long target, long incoming) throws IOException {
        int count = 0;
        long freed = 0;
        try {
            long used = usage();
            for (BlobIndex.Blob b : index.evictionOrder()) {
                if (used + incoming <= target) {
                    break;
                }
                index.delete(b.hash());
                peers.dropProvider(self, b.hash());
                store.deleteData(b.hash());
                store.deleteOutboard(b.hash());
                used -= b.size();
                freed += b.size();
                count++;
                logger.debug("evicted {} ({} bytes, last read {})", b.hash().toShortHex(), b.size(), b.lastAccess());
            }
            Set<Blake3Hash> flying = inFlight.get();
            for (PartialFile p : partials()) {
                if (used + incoming <= target) {
                    break;
                }
                if (!flying.contains(p.hash)) {
                    Files.deleteIfExists(store.partial(p.hash, ".data"));
                    Files.deleteIfExists(store.partial(p.hash, ".state"));
                    used -= p.size;
                    freed += p.size;
                    count++;
                    logger.debug("dropped the paused partial pull of {} ({} bytes)", p.hash.toShortHex(), p.size);
                }
            }
            return new Seeder.Evicted(count, freed, used);
        } catch (SQLException e) {
            throw new IOException("seed index: " + e.getMessage(), e);
        }
    }

    private record PartialFile(Blake3Hash hash, long size, long modified) {
    }

    /**
     * Partial pulls on disk, oldest first. The folder changes while it is read (pulls commit and
     * delete their state, pause and write it, eviction drops it): a state file gone by the time it
     * is read is not counted, one written after the listing is counted by the next call.
     */
    private List<PartialFile> partials() throws IOException {
        List<PartialFile> out = new ArrayList<>();
        for (Path f : Folders.list(store.root().resolve("partial"), "*.state")) {
            String n = f.getFileName().toString();
            Blake3Hash h;
            try {
                h = Blake3Hash.parse(n.substring(0, n.length() - ".state".length()));
            } catch (IllegalArgumentException e) {
                continue;
            }
            Optional<BasicFileAttributes> attrs = Folders.attributes(f);
            long size = PartialBlob.recordedSize(f);
            if (attrs.isPresent() && size >= 0) {
                out.add(new PartialFile(h, size, attrs.get().lastModifiedTime().toMillis()));
            }
        }
        out.sort(Comparator.comparingLong(PartialFile::modified));
        return out;
    }
}
