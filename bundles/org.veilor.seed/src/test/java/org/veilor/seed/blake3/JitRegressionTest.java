package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hashes stay right after the JIT has compiled everything. On JDK 17.0.15, once C2 compiled
 * {@code Blake3Hasher.update} with the scalar kernel and int-view accesses to small fresh arrays
 * inlined, one-shot scalar hashes of unaligned inputs came out wrong after about 380 rounds of this
 * workload (every run; outboard and piecewise hashes stayed right). The workload is kept as it was
 * when it caught that: kernel comparisons, outboards, and hashes of the same data several ways.
 */
class JitRegressionTest {

    @Test
    void hashesAgreeLongAfterWarmUp() throws Exception {
        Random r = new Random(11);
        Kernel vector = Kernels.best();
        int lanes = vector.lanes();
        for (int round = 0; round < 700; round++) {
            for (int n : new int[] { 1, lanes - 1, lanes, lanes + 1, 2 * lanes, 3 * lanes + 5, 64 }) {
                byte[] in = new byte[n * 1024 + 64];
                r.nextBytes(in);
                int off = r.nextInt(64);
                int[] key = new int[8];
                for (int i = 0; i < 8; i++) {
                    key[i] = r.nextInt();
                }
                long counter = round % 2 == 0 ? r.nextInt(1 << 20) : (1L << 32) - r.nextInt(2 * lanes);
                byte[] x = new byte[32 * n];
                byte[] y = new byte[32 * n];
                vector.hashChunks(in, off, n, key, counter, 0, x, 0);
                ScalarKernel.INSTANCE.hashChunks(in, off, n, key, counter, 0, y, 0);
                assertArrayEquals(y, x, "chunks, round " + round);
            }
            byte[] data = new byte[r.nextInt(40 * 16384)];
            r.nextBytes(data);
            Blake3Hash scalar = Blake3.scalar().hash(data);
            Blake3Hasher pieces = Blake3.scalar().newHasher();
            for (int q = 0; q < data.length; q += 1000) {
                pieces.update(data, q, Math.min(1000, data.length - q));
            }
            String what = "round " + round + ", " + data.length + " bytes";
            assertEquals(pieces.finalizeHash(), scalar, "scalar one-shot vs pieces, " + what);
            assertEquals(scalar, Blake3.standard().hash(data), "vector vs scalar, " + what);
            assertEquals(scalar, Outboard.create(Blake3.standard(), data).root(), "outboard root, " + what);
        }
    }
}
