package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.core.LocalHost;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * The cache's partial pulls: counted against the cap at their full size from the start, protected
 * from eviction while in flight, dropped (after every cached blob) once paused; a blob larger than
 * the cap, or one that does not fit beside the pulls in flight, is refused before a byte is written.
 */
class CacheTest {

    @TempDir
    Path dir;

    @Test
    void partialPullsCountInFullAndAreProtectedWhileInFlight() throws Exception {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        DataSource ds = TestNode.h2("cache-" + System.nanoTime());
        BlobIndex.migrate(ds);
        BlobIndex index = new BlobIndex(ds);
        BlobStore store = new BlobStore(host, "/store", Blake3.standard());
        Blake3Hash cached = Blake3.standard().hash(new byte[] { 1 });
        Blake3Hash flying = Blake3.standard().hash(new byte[] { 2 });
        Blake3Hash paused = Blake3.standard().hash(new byte[] { 3 });
        index.put(cached, 300_000, BlobIndex.Kind.CACHE, null, 1000);
        for (Blake3Hash h : List.of(flying, paused)) {
            try (PartialBlob p = PartialBlob.open(store, h, 400_000)) {
                p.write(0, new byte[16384], 0, 16384);
                p.checkpoint();
            }
        }
        Set<Blake3Hash> inFlight = Set.of(flying);
        Cache cache = new Cache(index, new PeerIndex(ds), store, NodeIdentity.loadOrCreate(host, "/store/node.key").id(),
                1 << 20, () -> inFlight);
        assertEquals(1_100_000, cache.usage(), "partials count at the size they will have");

        org.veilor.seed.Seeder.Evicted e = cache.evictTo(0, 0);
        assertEquals(2, e.blobs(), "the cached blob, then the paused partial");
        assertEquals(400_000, e.cacheBytes());
        assertFalse(index.blob(cached).isPresent());
        assertFalse(Files.exists(store.partial(paused, ".state")));
        assertTrue(Files.exists(store.partial(flying, ".state")), "a pull in flight keeps its partial file");
        assertTrue(Files.exists(store.partial(flying, ".data")));

        IOException tooBig = assertThrows(IOException.class, () -> cache.makeRoom(2 << 20));
        assertTrue(tooBig.getMessage().contains("does not fit in the cache cap"), tooBig.getMessage());

        // 400 000 bytes in flight: 700 000 more would break the cap of 1 MiB, and nothing is left to evict.
        IOException noRoom = assertThrows(IOException.class, () -> cache.makeRoom(700_000));
        assertTrue(noRoom.getMessage().contains("pulls in flight hold"), noRoom.getMessage());
        assertEquals(400_000, cache.usage(), "the cap holds: the pull that did not fit took nothing");
        assertEquals(400_000, cache.makeRoom(600_000).cacheBytes(), "what fits beside the pulls in flight is let in");
    }

    @Test
    void aBlobEvictedWhileItIsOpenedIsNotHeldRatherThanAnError() throws Exception {
        LocalHost host = new LocalHost(dir, List.of(Path.of("/usr/bin")));
        DataSource ds = TestNode.h2("cache-open-" + System.nanoTime());
        BlobIndex.migrate(ds);
        BlobIndex index = new BlobIndex(ds);
        BlobStore store = new BlobStore(host, "/store", Blake3.standard());
        BlobStore.Stored s = store.importCopy(new ByteArrayInputStream(new byte[40_000])); // over 16 KiB: it has an outboard
        index.put(s.hash(), s.size(), BlobIndex.Kind.CACHE, null, 1000);
        Holdings holdings = new Holdings(store, index, Blake3.standard(), Clock.systemUTC(), service -> Optional.empty());
        try (BlobSource src = holdings.open(s.hash()).orElseThrow()) {
            assertEquals(40_000, src.size());
        }
        // Eviction deletes the data, then the outboard; a reader that opened the data just before
        // finds the outboard gone: the blob is not held any more, which is not an error.
        Files.delete(store.outboard(s.hash()));
        assertEquals(Optional.empty(), holdings.open(s.hash()));
        Files.delete(store.data(s.hash()));
        assertEquals(Optional.empty(), holdings.open(s.hash()));
    }
}
