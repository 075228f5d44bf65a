package org.veilor.seed.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.testsupport.FreePorts;

/**
 * Writers killed in the middle: a child JVM (a real seed node over a folder and an H2 file
 * database) is SIGKILLed while it copies a blob into its store, or while it pulls one; the node
 * restarted over the same folder and database shows no partial blob, and a killed pull resumes
 * from the chunk groups it had verified instead of starting over. A provider going away mid-pull
 * (connection cut) is survived the same way, in one process.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;
    private final List<TestNode> nodes = new ArrayList<>();
    private Process child;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (TestNode n : nodes) {
            n.close();
        }
    }

    private TestNode node(String name, Map<String, Object> settings) throws Exception {
        TestNode n = TestNode.create(dir, name, TestNode.h2File(dir.resolve(name + "-index")), FreePorts.next(), Clock.systemUTC())
                .start(settings);
        nodes.add(n);
        return n;
    }

    /** Starts the child node {@code name}; kills it once a progress line passes {@code killAfter} bytes. */
    private void runAndKill(String name, long killAfter, String... what) throws Exception {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledWriterMain.class.getName(), dir.toString(), name,
                dir.resolve(name + "-index").toString()));
        argv.addAll(List.of(what));
        child = new ProcessBuilder(argv).redirectError(dir.resolve(name + "-child.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null;) {
                String[] w = line.split(" ");
                if (w.length == 2 && Long.parseLong(w[1]) >= killAfter) {
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
                    return;
                }
            }
        }
        throw new AssertionError("the child ended before it got far enough: " + Files.readString(dir.resolve(name + "-child.log")));
    }

    private static List<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aWriterKilledMidWriteLeavesNoPartialBlobAfterRestart() throws Exception {
        runAndKill("w", 2 << 20, "add");
        Path store = dir.resolve("w/store");
        assertFalse(files(store.resolve("tmp")).isEmpty(), "the kill struck while the copy was being written");
        TestNode w = node("w", Map.of());
        assertEquals(List.of(), files(store.resolve("tmp")), "the unfinished copy is removed at start");
        assertEquals(List.of(), files(store.resolve("blobs")), "no blob became visible");
        assertEquals(0, w.node.index().count(), "nothing was indexed");
    }

    @Test
    void aPullKilledMidwayResumesFromItsVerifiedGroupsAfterRestart() throws Exception {
        TestNode a = node("a", Map.of());
        byte[] content = new byte[3 << 20];
        new Random(5).nextBytes(content);
        Blake3Hash hash = a.node.holdings().add(new ByteArrayInputStream(content)).hash();
        BlobTicket ticket = a.node.gossip().ticket(hash);
        a.faults.delayPer64k = 40; // a slow provider, so the pull is surely in flight when the kill comes
        runAndKill("b", 3 << 19, "pull", ticket.encode());
        long before = a.faults.blobBytes.get();
        long recorded = recordedBytes(dir.resolve("b/store/partial/" + hash.toHex() + ".state"));
        assertTrue(recorded >= 1 << 20, "the verified groups were recorded (every 1 MiB): " + recorded + " bytes");

        a.faults.reset();
        TestNode b = node("b", Map.of());
        assertFalse(b.node.holdings().holds(hash), "a partial pull is not a blob");
        Pull p = b.node.pull(hash, List.of(ticket));
        p.awaitComplete(120_000);
        assertTrue(b.node.holdings().holds(hash));
        assertArrayEquals(content, read(b, hash));
        long resumed = a.faults.blobBytes.get();
        // what was recorded is not fetched again; the rest comes with its proofs and the size probe (a few %)
        assertTrue(resumed < (content.length - recorded) * 105 / 100 + 32768, "the pull resumed from " + recorded
                + " verified bytes: " + resumed + " bytes fetched after the restart (" + before + " before it)");
        assertEquals(List.of(), files(dir.resolve("b/store/partial")), "nothing partial is left once it is complete");
    }

    @Test
    void aProviderGoneMidTransferIsResumedFromTheVerifiedGroups() throws Exception {
        TestNode a = node("a", Map.of());
        TestNode b = node("b", Map.of());
        byte[] content = new byte[2 << 20];
        new Random(6).nextBytes(content);
        Blake3Hash hash = a.node.holdings().add(new ByteArrayInputStream(content)).hash();
        BlobTicket ticket = a.node.gossip().ticket(hash);
        a.faults.cutAt = 1_300_000; // the provider goes away after about 1.3 MB of a response
        Pull first = b.node.pull(hash, List.of(ticket));
        try {
            first.awaitComplete(120_000);
            throw new AssertionError("the only provider went away: the pull cannot complete");
        } catch (IOException expected) {
            assertTrue(expected.getMessage() != null);
        }
        assertFalse(b.node.holdings().holds(hash));
        a.faults.reset();
        Pull second = b.node.pull(hash, List.of(ticket));
        second.awaitComplete(120_000);
        assertArrayEquals(content, read(b, hash));
        assertTrue(a.faults.blobBytes.get() < content.length - 1_000_000,
                "only the missing groups were fetched again: " + a.faults.blobBytes.get() + " bytes");
    }

    /** Verified bytes a partial state file records: "VSP1", the size, then one bit per 16 KiB chunk group. */
    private static long recordedBytes(Path state) throws IOException {
        byte[] s = Files.readAllBytes(state);
        assertEquals("VSP1", new String(s, 0, 4, StandardCharsets.US_ASCII));
        return java.util.BitSet.valueOf(java.util.Arrays.copyOfRange(s, 12, s.length)).cardinality() * 16384L;
    }

    private static byte[] read(TestNode n, Blake3Hash hash) throws IOException {
        try (BlobSource s = n.node.holdings().open(hash).orElseThrow()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.verified(0, s.size(), out);
            return out.toByteArray();
        }
    }
}
