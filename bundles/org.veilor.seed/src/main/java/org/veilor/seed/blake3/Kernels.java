package org.veilor.seed.blake3;

import java.util.Arrays;

/**
 * Chooses the kernel once per class loader: the vector one when the Vector API is reachable, wide
 * enough and gives the scalar kernel's answers on a self-test; the scalar one otherwise, with the
 * reason kept for status output. {@code -Dveilor.blake3.vector=false} forces the scalar kernel.
 */
final class Kernels {

    static final String DISABLE_PROPERTY = "veilor.blake3.vector";

    private static final Kernel BEST;
    private static final String WHY_NOT_VECTOR;

    static {
        Kernel best = ScalarKernel.INSTANCE;
        String why = null;
        if ("false".equalsIgnoreCase(System.getProperty(DISABLE_PROPERTY))) {
            why = "disabled by -D" + DISABLE_PROPERTY + "=false";
        } else {
            try {
                Kernel vector = VectorKernel.createOrNull();
                if (vector == null) {
                    why = "vectors narrower than 128 bits on this CPU";
                } else if (!agreesWithScalar(vector)) {
                    why = "the vector kernel failed its self-test";
                } else {
                    best = vector;
                }
            } catch (LinkageError | RuntimeException e) {
                why = "Vector API not available (" + e.getClass().getSimpleName()
                        + "; start the JVM with --add-modules jdk.incubator.vector)";
            }
        }
        BEST = best;
        WHY_NOT_VECTOR = why;
    }

    private Kernels() {
    }

    /** The fastest kernel that works here. */
    static Kernel best() {
        return BEST;
    }

    /** Why the vector kernel is not used, or null when it is. */
    static String whyNotVector() {
        return WHY_NOT_VECTOR;
    }

    /** Two full batches of chunks and of parents, with a counter that crosses 2^32, against scalar. */
    private static boolean agreesWithScalar(Kernel vector) {
        int n = 2 * vector.lanes() + 3;
        byte[] in = new byte[n * Compressor.CHUNK_LEN];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) (i * 31 + (i >>> 10));
        }
        long counter = (1L << 32) - vector.lanes();
        byte[] a = new byte[32 * n];
        byte[] b = new byte[32 * n];
        vector.hashChunks(in, 0, n, Compressor.IV, counter, 0, a, 0);
        ScalarKernel.INSTANCE.hashChunks(in, 0, n, Compressor.IV, counter, 0, b, 0);
        if (!Arrays.equals(a, b)) {
            return false;
        }
        vector.hashParents(in, 0, n, Compressor.IV, 0, a, 0);
        ScalarKernel.INSTANCE.hashParents(in, 0, n, Compressor.IV, 0, b, 0);
        return Arrays.equals(a, b);
    }
}
