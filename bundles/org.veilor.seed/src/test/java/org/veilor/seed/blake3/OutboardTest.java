package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunk-group outboard: its root is the hash, its layout is pre-order, and it verifies ranges. */
class OutboardTest {

    private static final int G = Outboard.CHUNK_GROUP_SIZE;
    private static final ForkJoinPool POOL = new ForkJoinPool(2);

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    static byte[] random(int len, long seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void rootEqualsTheHashAndFilesGiveTheSameOutboard(@TempDir Path dir) throws IOException {
        int[] sizes = { 0, 1, G - 1, G, G + 1, 2 * G, 3 * G - 5, 5 * G, 64 * G, (1 << 20) + 5, 3 * (1 << 20) + 7 * G + 3 };
        for (int size : sizes) {
            byte[] data = random(size, size);
            Outboard mem = Outboard.create(Blake3.standard(), data);
            assertEquals(Blake3.scalar().hash(data), mem.root(), "root of " + size);
            assertEquals(size <= G ? 0 : (long) ((size + G - 1) / G - 1) * 64, Outboard.outboardSize(size));
            Path f = Files.write(dir.resolve("blob" + size), data);
            Path o = dir.resolve("blob" + size + ".obao");
            for (Blake3 engine : new Blake3[] { Blake3.standard(), Blake3.standard().parallel(POOL), Blake3.scalar() }) {
                try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ);
                        FileChannel out = FileChannel.open(o, StandardOpenOption.CREATE, StandardOpenOption.READ,
                                StandardOpenOption.WRITE)) {
                    Outboard onDisk = Outboard.create(engine, in, size, out);
                    assertEquals(mem.root(), onDisk.root(), engine.implementation());
                }
                byte[] expected = new byte[(int) Outboard.outboardSize(size)];
                for (int i = 0; i < mem.groups() - 1; i++) {
                    System.arraycopy(mem.pair(i), 0, expected, 64 * i, 64);
                }
                assertArrayEquals(expected, Files.readAllBytes(o), "outboard file of " + size);
            }
        }
    }

    @Test
    void pairsArePreOrderAndEachHashesToItsParent() throws IOException {
        // 5 groups: root [0,5) splits 4 | 1; [0,4) splits 2 | 2. Pre-order: [0,5), [0,4), [0,2), [2,4).
        byte[] data = random(4 * G + 100, 5);
        Outboard ob = Outboard.create(Blake3.standard(), data);
        assertEquals(4, ob.groups() - 1);
        byte[][] cv = new byte[5][];
        for (int g = 0; g < 5; g++) {
            int len = Math.min(G, data.length - g * G);
            cv[g] = ChunkGroups.groupCv(ScalarKernel.INSTANCE, data, g * G, len, g, false);
        }
        assertArrayEquals(concat(cv[0], cv[1]), ob.pair(2));
        assertArrayEquals(concat(cv[2], cv[3]), ob.pair(3));
        assertArrayEquals(concat(ChunkGroups.parentCv(ob.pair(2), 0, false), ChunkGroups.parentCv(ob.pair(3), 0, false)),
                ob.pair(1));
        assertArrayEquals(concat(ChunkGroups.parentCv(ob.pair(1), 0, false), cv[4]), ob.pair(0));
        assertArrayEquals(ob.root().bytes(), ChunkGroups.parentCv(ob.pair(0), 0, true));
    }

    @Test
    void everyRangeDecodesToItsBytesWithOnlyTheGroupsItTouches() throws IOException {
        byte[] data = random(37 * G + 1234, 6);
        Outboard ob = Outboard.create(Blake3.standard(), data);
        Random r = new Random(7);
        for (int round = 0; round < 60; round++) {
            long start = round == 0 ? 0 : r.nextInt(data.length + 10);
            long length = round == 1 ? Long.MAX_VALUE : r.nextInt(5 * G);
            ByteArrayOutputStream enc = new ByteArrayOutputStream();
            ob.encodeRange(data, start, length, enc);
            assertEquals(ob.encodedLength(start, length), enc.size());
            long[] range = RangeWalk.groupRange(data.length, start, length);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            long[] next = { range[0] * G };
            long size = new RangeDecoder(Blake3.standard(), ob.root()).decode(start, length,
                    new ByteArrayInputStream(enc.toByteArray()), (offset, b, off, len) -> {
                        assertEquals(next[0], offset, "groups arrive in order");
                        next[0] += len;
                        got.write(b, off, len);
                    });
            assertEquals(data.length, size);
            long from = range[0] * G;
            long to = Math.min(data.length, (range[1] + 1) * G);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, (int) from, (int) to), got.toByteArray(),
                    "range " + start + "+" + length);
            // Nothing but the touched groups, the parents among them, and the paths to their two ends
            // (38 groups: 6 levels).
            long pairBytes = enc.size() - 8 - (to - from);
            assertTrue(pairBytes % 64 == 0 && pairBytes / 64 <= (range[1] - range[0]) + 2 * 6,
                    "proof of " + pairBytes + " bytes for groups " + range[0] + ".." + range[1]);
        }
    }

    @Test
    void aFlippedByteInAnyGroupIsCaughtAtThatGroup() throws IOException {
        byte[] data = random(21 * G + 999, 8);
        Outboard ob = Outboard.create(Blake3.standard(), data);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        ob.encodeRange(data, 0, data.length, enc);
        byte[] stream = enc.toByteArray();
        // Locate each group's bytes in the stream by walking it as the decoder does.
        long[] groupAt = new long[(int) ob.groups()];
        int[] pairAt = new int[(int) ob.groups() - 1];
        locate(stream, 8, 0, ob.groups(), 0, data.length, groupAt, pairAt, new int[] { 8 });
        Random r = new Random(9);
        for (int g = 0; g < ob.groups(); g++) {
            byte[] bad = stream.clone();
            int len = ChunkGroups.groupLength(data.length, g);
            bad[(int) groupAt[g] + r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
            int[] delivered = { 0 };
            Blake3VerificationException e = assertThrows(Blake3VerificationException.class,
                    () -> new RangeDecoder(Blake3.standard(), ob.root()).decode(0, data.length,
                            new ByteArrayInputStream(bad), (offset, b, off, n) -> delivered[0]++));
            assertEquals(g, e.group(), e.getMessage());
            assertFalse(e.inProof());
            assertEquals(g, delivered[0], "groups before the bad one are delivered, none after");
            assertEquals((long) g * G, e.offset());
        }
        for (int p = 0; p < pairAt.length; p++) {
            byte[] bad = stream.clone();
            bad[pairAt[p] + r.nextInt(64)] ^= 1;
            Blake3VerificationException e = assertThrows(Blake3VerificationException.class,
                    () -> new RangeDecoder(Blake3.standard(), ob.root()).decode(0, data.length,
                            new ByteArrayInputStream(bad), (offset, b, off, n) -> { }));
            assertTrue(e.inProof(), e.getMessage());
        }
    }

    /** Records where each group's bytes and each pair sit in a full-range stream. */
    private static void locate(byte[] s, int unused, long first, long n, long index, long size, long[] groupAt,
            int[] pairAt, int[] pos) {
        if (n == 1) {
            groupAt[(int) first] = pos[0];
            pos[0] += ChunkGroups.groupLength(size, first);
            return;
        }
        pairAt[(int) index] = pos[0];
        pos[0] += 64;
        long left = ChunkGroups.leftGroups(n);
        locate(s, unused, first, left, index + 1, size, groupAt, pairAt, pos);
        locate(s, unused, first + left, n - left, index + left, size, groupAt, pairAt, pos);
    }

    @Test
    void aWrongRootATruncatedStreamAndSmallBlobs() throws IOException {
        byte[] data = random(3 * G, 10);
        Outboard ob = Outboard.create(Blake3.standard(), data);
        ByteArrayOutputStream enc = new ByteArrayOutputStream();
        ob.encodeRange(data, G, 10, enc);
        Blake3Hash other = Blake3.standard().hash(new byte[] { 1 });
        assertThrows(Blake3VerificationException.class, () -> new RangeDecoder(Blake3.standard(), other)
                .decode(G, 10, new ByteArrayInputStream(enc.toByteArray()), (o, b, off, n) -> { }));
        byte[] cut = java.util.Arrays.copyOf(enc.toByteArray(), enc.size() - 1);
        EOFException eof = assertThrows(EOFException.class, () -> new RangeDecoder(Blake3.standard(), ob.root())
                .decode(G, 10, new ByteArrayInputStream(cut), (o, b, off, n) -> { }));
        assertTrue(eof.getMessage().contains("chunk group 1"), eof.getMessage());
        // Up to one group: no outboard, the data is checked against the root directly.
        for (int size : new int[] { 0, 1, G }) {
            byte[] small = random(size, size);
            Outboard so = Outboard.create(Blake3.standard(), small);
            assertEquals(0, Outboard.outboardSize(size));
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            so.encodeRange(small, 0, size, e);
            assertEquals(8 + size, e.size());
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            new RangeDecoder(Blake3.standard(), Blake3.scalar().hash(small)).decode(0, size,
                    new ByteArrayInputStream(e.toByteArray()), (o, b, off, n) -> got.write(b, off, n));
            assertArrayEquals(small, got.toByteArray());
        }
        assertThrows(IllegalArgumentException.class, () -> Outboard.of(ob.root(), 3L * G, new byte[63]));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
