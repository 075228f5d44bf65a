package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3Hash;

/**
 * The cache's accounting and eviction while the store changes under them, on purpose: node B pulls
 * many blobs from node A over the real transport, three at a time, round after round; in some rounds
 * A cuts every transfer part-way, so pulls pause with their partial files on disk, and the next
 * round resumes them. Meanwhile another thread counts the cache ({@code usage}), evicts to a random
 * size (cached blobs and paused partials, which pulls are about to resume) and builds the status, in
 * a tight loop. Nothing may fail because a file came or went between two steps (before the fix,
 * {@code usage} threw {@link NoSuchFileException} for the state file of a pull that had just
 * committed), no pull may fail for anything but the cut transfers, the cap holds at every count, and
 * at the end the store and the index agree.
 */
class CacheChurnTest {

    private static final long CAP = 1 << 20;
    private static final int BLOBS = 24;
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;
    private final List<TestNode> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (TestNode n : nodes) {
            n.close();
        }
    }

    @Test
    void accountingAndEvictionHoldWhilePullsFinishPauseAndAreEvicted() throws Exception {
        TestNode a = TestNode.create(dir, "a").start(Map.of());
        nodes.add(a);
        TestNode b = TestNode.create(dir, "b").start(Map.of("cacheCap", "1 MiB"));
        nodes.add(b);
        Random random = new Random(20);
        List<BlobTicket> tickets = new ArrayList<>();
        for (int i = 0; i < BLOBS; i++) {
            byte[] content = new byte[40_000 + random.nextInt(120_000)]; // 3 to 10 chunk groups each
            random.nextBytes(content);
            BlobStore.Stored s = a.node.holdings().add(new ByteArrayInputStream(content));
            tickets.add(a.node.gossip().ticket(s.hash()));
        }
        Cache cache = b.node.cache();
        assertEquals(CAP, cache.cap());

        AtomicBoolean churning = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicLong passes = new AtomicLong();
        AtomicLong evicted = new AtomicLong();
        AtomicLong highest = new AtomicLong();
        Thread accountant = new Thread(() -> {
            Random r = new Random(21);
            while (churning.get()) {
                try {
                    long used = cache.usage();
                    highest.accumulateAndGet(used, Math::max);
                    evicted.addAndGet(cache.evictTo(r.nextLong(CAP + 1), 0).blobs());
                    StatusView.of(b.node); // seed:status counts the cache the same way
                    passes.incrementAndGet();
                } catch (Throwable t) {
                    errors.add(t);
                }
            }
        }, "cache-accountant");
        accountant.start();

        int completed = 0;
        List<String> unexpected = new ArrayList<>();
        long paused = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // Rounds 0, 2, 4: A cuts every response after 70 000 bytes, so bigger pulls pause.
                a.faults.cutAt = round % 2 == 0 ? 70_000 : -1;
                List<Pull> pulls = new ArrayList<>();
                for (BlobTicket t : tickets) {
                    if (!b.node.holdings().holds(t.hash())) {
                        pulls.add(b.node.pull(t.hash(), List.of(t)));
                    }
                }
                for (Pull p : pulls) {
                    try {
                        p.awaitComplete(TestNode.patience().toMillis());
                        completed++;
                    } catch (IOException e) {
                        if (round % 2 == 0 && !mentions(e, NoSuchFileException.class)) {
                            paused++;
                        } else {
                            unexpected.add(p.hash().toShortHex() + " in round " + round + ": " + trace(e));
                        }
                    }
                }
            }
        } finally {
            churning.set(false);
            accountant.join();
        }

        assertEquals(List.of(), errors.stream().map(CacheChurnTest::trace).toList(),
                "counting, evicting and the status never fail because a file came or went");
        assertEquals(List.of(), unexpected, "pulls fail only where the provider cut them");
        assertTrue(highest.get() <= CAP, "the cache held " + highest.get() + " bytes at one count, over its cap of " + CAP);
        assertTrue(cache.usage() <= CAP, "the cap holds at the end");
        // The churn really happened (counts, not times: the machine may be slow).
        assertTrue(paused > 0, "pulls paused on the cut transfers");
        assertTrue(completed > BLOBS, "pulls completed, blobs were evicted and pulled again: " + completed);
        assertTrue(evicted.get() > 0 && passes.get() > 20, "evictions " + evicted.get() + ", passes " + passes.get());

        // The store and the index agree: every state file has its data, none belongs to a cached blob.
        Set<Blake3Hash> cached = b.node.index().blobs(BlobIndex.Kind.CACHE).stream().map(BlobIndex.Blob::hash)
                .collect(Collectors.toSet());
        for (Path state : org.veilor.core.Folders.list(b.node.store().root().resolve("partial"), "*.state")) {
            String hex = state.getFileName().toString().replace(".state", "");
            assertTrue(Files.exists(state.resolveSibling(hex + ".data")), "a state file without its data: " + state);
            assertTrue(!cached.contains(Blake3Hash.parse(hex)), "a cached blob still has a state file: " + state);
        }
        for (Blake3Hash h : cached) {
            assertTrue(Files.isRegularFile(b.node.store().data(h)), "an indexed cached blob lost its data: " + h.toShortHex());
        }
    }

    private static boolean mentions(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
