package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Incremental updates give the one-shot result wherever the input is cut: at block, chunk, chunk
 * group, subtree and 1 MiB segment edges and one byte either side, in two and in three pieces, and
 * in random pieces. The reference is the scalar engine fed one byte at a time, which never takes the
 * whole-subtree path at all.
 */
class IncrementalTest {

    private static final int K = 1024;

    /** Lengths around every edge the hasher treats specially. */
    static List<Integer> edges() {
        TreeSet<Integer> e = new TreeSet<>();
        int[] bases = { 0, 64, K, 2 * K, 3 * K, 4 * K, 8 * K, 16 * K, 17 * K, 32 * K, 64 * K, 1024 * K, 2048 * K,
                3072 * K };
        for (int b : bases) {
            for (int d = -1; d <= 1; d++) {
                if (b + d >= 0) {
                    e.add(b + d);
                }
            }
        }
        return new ArrayList<>(e);
    }

    static byte[] random(int len, long seed) {
        byte[] b = new byte[len];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] byteByByte(byte[] in, int len) {
        Blake3Hasher h = Blake3.scalar().newHasher();
        for (int i = 0; i < len; i++) {
            h.update(in, i, 1);
        }
        return h.finalizeBytes(64);
    }

    @Test
    void everyCutAtEveryEdgeEqualsOneShot() {
        List<Integer> edges = edges();
        byte[] in = random(3072 * K + 1, 1);
        for (int total : edges) {
            byte[] expected = Blake3.standard().newHasher().update(in, 0, total).finalizeBytes(64);
            if (total <= 64 * K + 1) {
                assertArrayEquals(byteByByte(in, total), expected, "one-shot vs byte by byte, length " + total);
            }
            for (int cut : edges) {
                if (cut > total) {
                    break;
                }
                for (Blake3 engine : List.of(Blake3.standard(), Blake3.scalar())) {
                    byte[] two = engine.newHasher().update(in, 0, cut).update(in, cut, total - cut).finalizeBytes(64);
                    assertArrayEquals(expected, two, "length " + total + " cut at " + cut + " " + engine.implementation());
                }
                int second = Math.min(total, cut + (total - cut) / 2 + 1);
                byte[] three = Blake3.standard().newHasher().update(in, 0, cut).update(in, cut, second - cut)
                        .update(in, second, total - second).finalizeBytes(64);
                assertArrayEquals(expected, three, "length " + total + " cut at " + cut + " and " + second);
            }
        }
    }

    @Test
    void randomPiecesEqualOneShot() {
        Random r = new Random(7);
        for (int round = 0; round < 40; round++) {
            int total = r.nextInt(round < 30 ? 70 * K : 2600 * K);
            byte[] in = random(total, round);
            byte[] expected = Blake3.standard().hash(in).bytes();
            Blake3Hasher h = Blake3.standard().newHasher();
            int pos = 0;
            while (pos < total) {
                int n = Math.min(total - pos, r.nextBoolean() ? r.nextInt(3 * K) : r.nextInt(300 * K));
                h.update(in, pos, n);
                pos += n;
            }
            assertEquals(total, h.length());
            assertArrayEquals(expected, h.finalizeHash().bytes(), "random pieces of " + total + " bytes");
        }
    }

    @Test
    void finalizingDoesNotEndTheStreamAndResetStartsOver() {
        byte[] in = random(40 * K + 5, 3);
        Blake3Hasher h = Blake3.standard().newHasher().update(in, 0, 20 * K);
        assertEquals(Blake3.standard().hash(in, 0, 20 * K), h.finalizeHash());
        h.update(in, 20 * K, in.length - 20 * K);
        assertEquals(Blake3.standard().hash(in), h.finalizeHash());
        assertEquals(Blake3.standard().hash(new byte[0]), h.reset().finalizeHash());
    }

    @Test
    void byteBuffersHeapAndDirect() {
        byte[] in = random(5 * 1024 * K + 3, 4);
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(in.length).put(in).flip();
        assertEquals(Blake3.standard().hash(in), Blake3.standard().newHasher().update(direct).finalizeHash());
        assertEquals(0, direct.remaining());
        assertEquals(Blake3.standard().hash(in),
                Blake3.standard().newHasher().update(java.nio.ByteBuffer.wrap(in)).finalizeHash());
    }
}
