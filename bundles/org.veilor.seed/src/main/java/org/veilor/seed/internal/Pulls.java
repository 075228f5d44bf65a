package org.veilor.seed.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.BlobTransport;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Blake3VerificationException;

/**
 * The pulls of a node: at most one per blob (a second reader joins the first), each run by a
 * {@link PullWorker} on the node's pull threads; the bridge from a worker to the store, the cache,
 * the index and the strikes against lying providers.
 */
final class Pulls implements PullWorker.Context {

    private final Logger logger = LoggerFactory.getLogger(Pulls.class);
    private final Map<Blake3Hash, Pull> active = new ConcurrentHashMap<>();
    private final BlobStore store;
    private final BlobIndex index;
    private final PeerIndex peers;
    private final Supplier<Cache> cache;
    private final Supplier<List<BlobTransport>> transports;
    private final ExecutorService workers;
    private final Clock clock;
    private final Consumer<Pull> committed;

    Pulls(BlobStore store, BlobIndex index, PeerIndex peers, Supplier<Cache> cache, Supplier<List<BlobTransport>> transports,
            ExecutorService workers, Clock clock, Consumer<Pull> committed) {
        this.store = store;
        this.index = index;
        this.peers = peers;
        this.cache = cache;
        this.transports = transports;
        this.workers = workers;
        this.clock = clock;
        this.committed = committed;
    }

    /**
     * The pull of a blob: the one in flight (learning any new providers), or a new one, resuming
     * verified groups a paused pull left on disk.
     */
    Pull start(Blake3Hash hash, List<BlobTicket> providers) {
        Pull[] created = new Pull[1];
        Pull pull = active.compute(hash, (h, existing) -> {
            if (existing != null && !existing.finished()) {
                existing.addProviders(providers);
                return existing;
            }
            created[0] = new Pull(h, providers);
            return created[0];
        });
        if (created[0] != null) {
            workers.execute(() -> {
                try {
                    new PullWorker(created[0], this).run();
                } finally {
                    active.remove(hash, created[0]);
                }
            });
        }
        return pull;
    }

    /** Blobs being pulled (their partial files are protected from eviction). */
    Set<Blake3Hash> inFlight() {
        return Set.copyOf(active.keySet());
    }

    Collection<Pull> pulls() {
        return List.copyOf(active.values());
    }

    @Override
    public BlobTransport transport(BlobTicket ticket) {
        return PullWorker.first(transports.get(), ticket);
    }

    @Override
    public long recordedSize(Pull pull) throws IOException {
        return PartialBlob.recordedSize(store, pull.hash());
    }

    @Override
    public PartialBlob open(Pull pull, long size) throws IOException {
        Cache c = cache.get();
        synchronized (c) { // room is made and taken in one step, so concurrent pulls cannot both count on it
            long recorded = PartialBlob.recordedSize(store, pull.hash());
            if (recorded != size) {
                // A partial of another size cannot be right for this hash: start over, counting the new size.
                Files.deleteIfExists(store.partial(pull.hash(), ".data"));
                Files.deleteIfExists(store.partial(pull.hash(), ".state"));
                c.makeRoom(size);
            } else {
                c.makeRoom(0);
            }
            PartialBlob p = PartialBlob.open(store, pull.hash(), size);
            p.checkpoint(); // on disk from the start, so the cache counts it
            return p;
        }
    }

    @Override
    public void liar(Pull pull, BlobTicket provider, IOException e) {
        String group = e instanceof Blake3VerificationException v ? " (chunk group " + v.group() + ")" : "";
        logger.warn("provider {} sent bytes that do not match blob {}{}: dropped, trying the next; {}",
                provider.endpoint().toShortHex(), pull.hash().toShortHex(), group, e.getMessage());
        try {
            peers.dropProvider(provider.endpoint(), pull.hash());
            peers.strike(provider.endpoint(), clock.millis());
        } catch (SQLException ex) {
            logger.debug("cannot record the strike against {}: {}", provider.endpoint().toShortHex(), ex.getMessage());
        }
    }

    @Override
    public void commit(Pull pull) throws IOException {
        PartialBlob p = pull.partial();
        p.checkpoint();
        try {
            store.commitData(p.dataFile(), pull.hash(), p.size());
        } catch (IOException e) {
            // Verified groups that do not hash to the root cannot happen unless the disk lied: start over.
            p.discard();
            throw e;
        }
        p.retire();
        Cache c = cache.get();
        synchronized (c) {
            // The blob turns from a partial (its state file) into a cached blob (its index row) in one
            // step for the cache: counted once throughout, never twice, never not at all.
            Files.deleteIfExists(store.partial(pull.hash(), ".state"));
            try {
                index.put(pull.hash(), p.size(), BlobIndex.Kind.CACHE, null, clock.millis());
            } catch (SQLException e) {
                throw new IOException("seed index: " + e.getMessage(), e);
            }
            c.makeRoom(0);
        }
        logger.debug("pulled {} ({} bytes) into the cache", pull.hash().toShortHex(), p.size());
        committed.accept(pull);
    }
}
