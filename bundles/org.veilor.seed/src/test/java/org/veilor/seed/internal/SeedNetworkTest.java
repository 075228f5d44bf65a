package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.seed.blake3.Blake3;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.testsupport.FreePorts;
import org.veilor.testsupport.Poll;

/**
 * Three seed nodes on loopback ports, each a real node with its own store, database and HTTP
 * server: A is the origin of service "media" (a watched folder), B mirrors it and serves it through
 * its gateway, C mirrors it too and is made to misbehave as a provider. Everything goes through
 * the real transport, announcements and verification.
 */
class SeedNetworkTest {

    @TempDir
    Path dir;
    TestNode a;
    TestNode b;
    TestNode c;

    @BeforeEach
    void threeNodes() throws Exception {
        int pa = FreePorts.next();
        int pb = FreePorts.next();
        int pc = FreePorts.next();
        a = TestNode.create(dir, "a", TestNode.h2("net-a-" + pa), pa, Clock.systemUTC());
        b = TestNode.create(dir, "b", TestNode.h2("net-b-" + pb), pb, Clock.systemUTC());
        // C's clock runs 20 s ahead: its announcements are the newest, so B tries it first.
        c = TestNode.create(dir, "c", TestNode.h2("net-c-" + pc), pc, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(20)));
        a.start(Map.of("knownPeers", List.of(b.peer(), c.peer())));
        b.start(Map.of("knownPeers", List.of(a.peer(), c.peer()), "cacheCap", "2 MiB"));
        c.start(Map.of("knownPeers", List.of(a.peer(), b.peer())));
        a.follow("media", "/srv/media", Map.of());
        b.follow("media", null, Map.of());
        c.follow("media", null, Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestNode n : new TestNode[] { a, b, c }) {
            if (n != null) {
                n.close();
            }
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Drops a file into A's watched folder (written elsewhere, then renamed in, as a careful writer does). */
    void drop(String name, byte[] content) throws IOException {
        Path target = a.host.resolve("/srv/media/" + name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.write(tmp, content);
        Files.move(tmp, target);
    }

    static byte[] body(HttpURLConnection c) throws IOException {
        try (InputStream in = c.getInputStream()) {
            return in.readAllBytes();
        }
    }

    /** Polls B's gateway until the name is served (the origin needs its stable period and an announcement round). */
    static byte[] awaitServed(TestNode n, String name) throws Exception {
        return Poll.until(TestNode.patience(), n.name + " serving media/" + name, () -> {
            HttpURLConnection c = n.get("media", name, null);
            return c.getResponseCode() == 200 ? body(c) : null;
        });
    }

    @Test
    void aFileDroppedAtTheOriginIsServedVerifiedByAnotherNodesGatewayOnAMiss() throws Exception {
        byte[] content = random(700_000, 1); // 43 chunk groups: a real tree
        drop("photos/cat.jpg", content);
        byte[] got = awaitServed(b, "photos/cat.jpg");
        assertArrayEquals(content, got);
        Blake3Hash hash = Blake3.standard().hash(content);
        // the pull commits to B's cache just after the last verified group was served
        Poll.assertEventually(TestNode.patience(), () -> assertTrue(b.node.holdings().holds(hash), "B keeps it in its cache"));
        assertEquals(BlobIndex.Kind.CACHE, b.node.index().blob(hash).orElseThrow().kind());
        assertEquals(BlobIndex.Kind.ORIGIN, a.node.index().blob(hash).orElseThrow().kind());
        assertFalse(Files.exists(a.host.resolve("/store/blobs/" + hash.toHex().substring(0, 2) + "/" + hash.toHex())),
                "the origin references its file in place: no copy in its store");
        HttpURLConnection again = b.get("media", "photos/cat.jpg", null);
        assertEquals("\"" + hash.toHex() + "\"", again.getHeaderField("ETag"));
        assertEquals("image/jpeg", again.getContentType());
        long before = a.faults.blobBytes.get();
        assertArrayEquals(content, body(again));
        assertEquals(before, a.faults.blobBytes.get(), "a hit is served from B's cache, not fetched again");

        byte[] small = random(5_000, 11); // one chunk group: no outboard, the data is its own proof
        drop("icons/star.png", small);
        assertArrayEquals(small, awaitServed(b, "icons/star.png"));
        assertEquals(Blake3.standard().hash(small), a.node.index().name("media", "icons/star.png").orElseThrow().hash());
    }

    @Test
    void rangeRequestsOnAMissAndOnAHit() throws Exception {
        byte[] content = random(300_000, 2);
        drop("video.webm", content);
        HttpURLConnection first = Poll.until(TestNode.patience(), "B knows video.webm", () -> {
            HttpURLConnection c = b.get("media", "video.webm", "bytes=100000-100099");
            return c.getResponseCode() == 206 ? c : null;
        });
        assertEquals("bytes 100000-100099/300000", first.getHeaderField("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 100000, 100100), body(first));
        Blake3Hash hash = Blake3.standard().hash(content);
        Poll.assertEventually(TestNode.patience(), () -> assertTrue(b.node.holdings().holds(hash), "the rest follows in the background"));
        HttpURLConnection tail = b.get("media", "video.webm", "bytes=-10");
        assertEquals(206, tail.getResponseCode());
        assertArrayEquals(Arrays.copyOfRange(content, 299990, 300000), body(tail));
        HttpURLConnection past = b.get("media", "video.webm", "bytes=400000-");
        assertEquals(416, past.getResponseCode());
        assertEquals("bytes */300000", past.getHeaderField("Content-Range"));
    }

    @Test
    void aLyingProviderIsDroppedAndTheNextOneServes() throws Exception {
        byte[] content = random(500_000, 3);
        drop("doc.pdf", content);
        Blake3Hash hash = Blake3.standard().hash(content);
        // C fetches it honestly, then announces itself as a provider (newest announcement: tried first by B).
        assertArrayEquals(content, awaitServed(c, "doc.pdf"));
        Poll.assertEventually(TestNode.patience(), () -> assertTrue(b.node.gossip().providers(hash).stream()
                .anyMatch(t -> t.endpoint().equals(c.node.id())), "B learned that C provides it"));
        assertEquals(c.node.id(), b.node.gossip().providers(hash).get(0).endpoint(), "C is tried first");
        c.faults.reset();
        c.faults.corruptAt = 8 + 64 + 5 * 16384 + 7; // a byte inside a chunk group well into the stream
        byte[] got = body(b.get("media", "doc.pdf", null));
        assertArrayEquals(content, got, "B served the true bytes, from A");
        assertTrue(c.faults.blobRequests.get() >= 1, "C was asked");
        assertEquals(1, b.node.peersIndex().strikes(c.node.id()), "C got a strike");
        assertTrue(b.node.gossip().providers(hash).stream().noneMatch(t -> t.endpoint().equals(c.node.id())),
                "C's announcement of the blob was dropped");
    }

    @Test
    void theLruCapHoldsUnderAStreamOfPulls() throws Exception {
        long cap = b.node.cache().cap(); // 2 MiB
        int n = 12;
        byte[][] files = new byte[n][];
        for (int i = 0; i < n; i++) {
            files[i] = random(300_000, 100 + i);
            drop("stream/" + i + ".bin", files[i]);
        }
        for (int i = 0; i < n; i++) {
            assertArrayEquals(files[i], awaitServed(b, "stream/" + i + ".bin"));
            long used = b.node.cache().usage();
            assertTrue(used <= cap, "after pull " + i + " the cache holds " + used + " > cap " + cap + ": cached "
                    + b.node.index().blobs(BlobIndex.Kind.CACHE).size() + ", partial files "
                    + Arrays.toString(b.host.resolve("/store/partial").toFile().list()));
            if (i >= 1) {
                // keep file 0 hot: read it again after every pull
                assertArrayEquals(files[0], body(b.get("media", "stream/0.bin", null)));
            }
        }
        // the last pull commits to the cache just after its bytes were served
        Poll.assertEventually(TestNode.patience(), () -> {
            assertTrue(b.node.holdings().holds(Blake3.standard().hash(files[n - 1])), "the newest is cached");
            assertEquals(6, b.node.index().blobs(BlobIndex.Kind.CACHE).size(), "six of 300 kB fit in 2 MiB");
        });
        assertTrue(b.node.holdings().holds(Blake3.standard().hash(files[0])), "the hot file survived");
        assertFalse(b.node.holdings().holds(Blake3.standard().hash(files[1])), "the least recently read went first");
        assertTrue(b.node.cache().usage() <= cap);
    }
}
