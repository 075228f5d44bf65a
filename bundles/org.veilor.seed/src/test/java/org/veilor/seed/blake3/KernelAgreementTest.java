package org.veilor.seed.blake3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernel gives the scalar kernel's answers: on random chunks and parents (batch sizes
 * around the lane count, random keys and flags, chunk counters crossing 2^32) and on whole random
 * inputs in every mode. This JVM runs with the Vector API module (surefire's argLine), so the
 * vector kernel must be the one chosen here.
 */
class KernelAgreementTest {

    @Test
    void theVectorKernelIsInUseHere() {
        assertTrue(Blake3.standard().isVectorized(), Blake3.standard().implementation());
        assertTrue(Blake3.standard().implementation().startsWith("vector ("), Blake3.standard().implementation());
        assertEquals("scalar", Blake3.scalar().implementation());
    }

    @Test
    void chunksAndParentsAgreeOnRandomInput() {
        Kernel vector = Kernels.best();
        Random r = new Random(11);
        int lanes = vector.lanes();
        for (int n : new int[] { 1, lanes - 1, lanes, lanes + 1, 2 * lanes, 3 * lanes + 5, 64 }) {
            for (int round = 0; round < 6; round++) {
                byte[] in = new byte[n * Compressor.CHUNK_LEN + 64];
                r.nextBytes(in);
                int off = r.nextInt(64);
                int[] key = new int[8];
                for (int i = 0; i < 8; i++) {
                    key[i] = r.nextInt();
                }
                long counter = round % 2 == 0 ? r.nextInt(1 << 20) : (1L << 32) - r.nextInt(2 * lanes);
                int flags = new int[] { 0, Compressor.KEYED_HASH, Compressor.DERIVE_KEY_MATERIAL }[round % 3];
                byte[] a = new byte[32 * n];
                byte[] b = new byte[32 * n];
                vector.hashChunks(in, off, n, key, counter, flags, a, 0);
                ScalarKernel.INSTANCE.hashChunks(in, off, n, key, counter, flags, b, 0);
                assertArrayEquals(b, a, "chunks n=" + n + " counter=" + counter);
                int parents = Math.min(n, (in.length - off) / 64);
                vector.hashParents(in, off, parents, key, flags, a, 0);
                ScalarKernel.INSTANCE.hashParents(in, off, parents, key, flags, b, 0);
                assertArrayEquals(b, a, "parents n=" + parents);
            }
        }
    }

    @Test
    void wholeHashesAgreeInEveryMode() {
        Random r = new Random(12);
        byte[] key = new byte[32];
        r.nextBytes(key);
        for (int round = 0; round < 30; round++) {
            byte[] in = new byte[r.nextInt(round < 20 ? 100_000 : 3_000_000)];
            r.nextBytes(in);
            assertEquals(Blake3.scalar().hash(in), Blake3.standard().hash(in), "hash of " + in.length);
            assertEquals(Blake3.scalar().keyedHash(key, in), Blake3.standard().keyedHash(key, in), "keyed");
            assertArrayEquals(Blake3.scalar().deriveKey("veilor test", in, 77),
                    Blake3.standard().deriveKey("veilor test", in, 77), "derive_key");
        }
    }
}
