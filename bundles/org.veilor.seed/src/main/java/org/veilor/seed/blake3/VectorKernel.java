package org.veilor.seed.blake3;

import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.XOR;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Several chunks (or parents) at once with the Vector API: lane {@code j} of every vector belongs to
 * input {@code j}, so one pass of the unchanged compression function hashes as many inputs as the
 * CPU has 32-bit lanes (16 with AVX-512, 8 with AVX2). The message words have to be transposed
 * (word {@code i} of all inputs side by side); see {@link #transpose}.
 *
 * <p>Measured choices on JDK 17 (AVX-512, see bench/blake3): transposing through an int array with
 * plain loads beat both a permute-and-blend butterfly ({@code rearrange}/{@code blend}, about 20 %
 * slower) and gathers ({@code fromArray} with an index map, about 20 % slower); rotations written
 * as two shifts and an or were not slower than {@code lanewise(ROR, n)}, and a few per cent faster.
 *
 * <p>Only this class names {@code jdk.incubator.vector}: {@link Kernels} loads it inside a
 * try/catch, so a JVM without the module (or a framework not exporting it) gets the scalar kernel.
 *
 * <p>Everything the JIT must keep in registers stays in locals of one method: a vector passed to or
 * returned from a method that is not inlined is boxed, which costs more than the hashing.
 */
final class VectorKernel implements Kernel {

    private static final VectorSpecies<Integer> S = IntVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernel() {
    }

    /**
     * The vector kernel, or null when the preferred species is too narrow to beat the scalar one.
     * Calling this is what loads the Vector API: it throws a {@link LinkageError} where it is absent.
     */
    static Kernel createOrNull() {
        return L >= 4 ? new VectorKernel() : null;
    }

    @Override
    public void hashChunks(byte[] in, int off, int n, int[] key, long counter, int flags, byte[] out, int outOff) {
        int done = 0;
        if (n >= L) {
            int[] t = new int[16 * L];
            int[] cv = new int[8 * L];
            int[] lo = new int[L];
            int[] hi = new int[L];
            for (; n - done >= L; done += L) {
                for (int j = 0; j < L; j++) {
                    long c = counter + done + j;
                    lo[j] = (int) c;
                    hi[j] = (int) (c >>> 32);
                }
                compressMany(in, off + done * Compressor.CHUNK_LEN, Compressor.CHUNK_LEN, 16, key, lo, hi,
                        flags, Compressor.CHUNK_START, Compressor.CHUNK_END, t, cv);
                scatter(cv, out, outOff + 32 * done);
            }
        }
        if (done < n) {
            ScalarKernel.INSTANCE.hashChunks(in, off + done * Compressor.CHUNK_LEN, n - done, key, counter + done,
                    flags, out, outOff + 32 * done);
        }
    }

    @Override
    public void hashParents(byte[] in, int off, int n, int[] key, int flags, byte[] out, int outOff) {
        int done = 0;
        if (n >= L) {
            int[] t = new int[16 * L];
            int[] cv = new int[8 * L];
            int[] zero = new int[L];
            for (; n - done >= L; done += L) {
                compressMany(in, off + 64 * done, 64, 1, key, zero, zero, flags | Compressor.PARENT, 0, 0, t, cv);
                scatter(cv, out, outOff + 32 * done);
            }
        }
        if (done < n) {
            ScalarKernel.INSTANCE.hashParents(in, off + 64 * done, n - done, key, flags, out, outOff + 32 * done);
        }
    }

    /**
     * Runs {@code blocks} compressions for {@code L} inputs side by side: input {@code j} starts at
     * {@code in[base + j * stride]}; block {@code b} of each is compressed under the input's running
     * chaining value (the key at first). The resulting chaining values land word-major in {@code cv}.
     */
    private static void compressMany(byte[] in, int base, int stride, int blocks, int[] key, int[] counterLo,
            int[] counterHi, int flags, int startFlag, int endFlag, int[] tw, int[] cv) {
        IntVector h0 = IntVector.broadcast(S, key[0]), h1 = IntVector.broadcast(S, key[1]);
        IntVector h2 = IntVector.broadcast(S, key[2]), h3 = IntVector.broadcast(S, key[3]);
        IntVector h4 = IntVector.broadcast(S, key[4]), h5 = IntVector.broadcast(S, key[5]);
        IntVector h6 = IntVector.broadcast(S, key[6]), h7 = IntVector.broadcast(S, key[7]);
        IntVector lo = IntVector.fromArray(S, counterLo, 0);
        IntVector hi = IntVector.fromArray(S, counterHi, 0);
        IntVector len = IntVector.broadcast(S, Compressor.BLOCK_LEN);
        for (int b = 0; b < blocks; b++) {
            transpose(in, base + b * Compressor.BLOCK_LEN, stride, tw);
            IntVector m0 = IntVector.fromArray(S, tw, 0 * L);
            IntVector m1 = IntVector.fromArray(S, tw, 1 * L);
            IntVector m2 = IntVector.fromArray(S, tw, 2 * L);
            IntVector m3 = IntVector.fromArray(S, tw, 3 * L);
            IntVector m4 = IntVector.fromArray(S, tw, 4 * L);
            IntVector m5 = IntVector.fromArray(S, tw, 5 * L);
            IntVector m6 = IntVector.fromArray(S, tw, 6 * L);
            IntVector m7 = IntVector.fromArray(S, tw, 7 * L);
            IntVector m8 = IntVector.fromArray(S, tw, 8 * L);
            IntVector m9 = IntVector.fromArray(S, tw, 9 * L);
            IntVector m10 = IntVector.fromArray(S, tw, 10 * L);
            IntVector m11 = IntVector.fromArray(S, tw, 11 * L);
            IntVector m12 = IntVector.fromArray(S, tw, 12 * L);
            IntVector m13 = IntVector.fromArray(S, tw, 13 * L);
            IntVector m14 = IntVector.fromArray(S, tw, 14 * L);
            IntVector m15 = IntVector.fromArray(S, tw, 15 * L);
            int f = flags | (b == 0 ? startFlag : 0) | (b == blocks - 1 ? endFlag : 0);
            IntVector v0 = h0, v1 = h1, v2 = h2, v3 = h3, v4 = h4, v5 = h5, v6 = h6, v7 = h7;
            IntVector v8 = IntVector.broadcast(S, Compressor.IV0), v9 = IntVector.broadcast(S, Compressor.IV1);
            IntVector v10 = IntVector.broadcast(S, Compressor.IV2), v11 = IntVector.broadcast(S, Compressor.IV3);
            IntVector v12 = lo, v13 = hi, v14 = len, v15 = IntVector.broadcast(S, f);
            for (int r = 0; r < 7; r++) {
                v0 = v0.add(v4).add(m0); v12 = v12.lanewise(XOR, v0); v12 = v12.lanewise(LSHR, 16).or(v12.lanewise(LSHL, 16));
                v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8); v4 = v4.lanewise(LSHR, 12).or(v4.lanewise(LSHL, 20));
                v0 = v0.add(v4).add(m1); v12 = v12.lanewise(XOR, v0); v12 = v12.lanewise(LSHR, 8).or(v12.lanewise(LSHL, 24));
                v8 = v8.add(v12); v4 = v4.lanewise(XOR, v8); v4 = v4.lanewise(LSHR, 7).or(v4.lanewise(LSHL, 25));
                v1 = v1.add(v5).add(m2); v13 = v13.lanewise(XOR, v1); v13 = v13.lanewise(LSHR, 16).or(v13.lanewise(LSHL, 16));
                v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9); v5 = v5.lanewise(LSHR, 12).or(v5.lanewise(LSHL, 20));
                v1 = v1.add(v5).add(m3); v13 = v13.lanewise(XOR, v1); v13 = v13.lanewise(LSHR, 8).or(v13.lanewise(LSHL, 24));
                v9 = v9.add(v13); v5 = v5.lanewise(XOR, v9); v5 = v5.lanewise(LSHR, 7).or(v5.lanewise(LSHL, 25));
                v2 = v2.add(v6).add(m4); v14 = v14.lanewise(XOR, v2); v14 = v14.lanewise(LSHR, 16).or(v14.lanewise(LSHL, 16));
                v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10); v6 = v6.lanewise(LSHR, 12).or(v6.lanewise(LSHL, 20));
                v2 = v2.add(v6).add(m5); v14 = v14.lanewise(XOR, v2); v14 = v14.lanewise(LSHR, 8).or(v14.lanewise(LSHL, 24));
                v10 = v10.add(v14); v6 = v6.lanewise(XOR, v10); v6 = v6.lanewise(LSHR, 7).or(v6.lanewise(LSHL, 25));
                v3 = v3.add(v7).add(m6); v15 = v15.lanewise(XOR, v3); v15 = v15.lanewise(LSHR, 16).or(v15.lanewise(LSHL, 16));
                v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11); v7 = v7.lanewise(LSHR, 12).or(v7.lanewise(LSHL, 20));
                v3 = v3.add(v7).add(m7); v15 = v15.lanewise(XOR, v3); v15 = v15.lanewise(LSHR, 8).or(v15.lanewise(LSHL, 24));
                v11 = v11.add(v15); v7 = v7.lanewise(XOR, v11); v7 = v7.lanewise(LSHR, 7).or(v7.lanewise(LSHL, 25));
                v0 = v0.add(v5).add(m8); v15 = v15.lanewise(XOR, v0); v15 = v15.lanewise(LSHR, 16).or(v15.lanewise(LSHL, 16));
                v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10); v5 = v5.lanewise(LSHR, 12).or(v5.lanewise(LSHL, 20));
                v0 = v0.add(v5).add(m9); v15 = v15.lanewise(XOR, v0); v15 = v15.lanewise(LSHR, 8).or(v15.lanewise(LSHL, 24));
                v10 = v10.add(v15); v5 = v5.lanewise(XOR, v10); v5 = v5.lanewise(LSHR, 7).or(v5.lanewise(LSHL, 25));
                v1 = v1.add(v6).add(m10); v12 = v12.lanewise(XOR, v1); v12 = v12.lanewise(LSHR, 16).or(v12.lanewise(LSHL, 16));
                v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11); v6 = v6.lanewise(LSHR, 12).or(v6.lanewise(LSHL, 20));
                v1 = v1.add(v6).add(m11); v12 = v12.lanewise(XOR, v1); v12 = v12.lanewise(LSHR, 8).or(v12.lanewise(LSHL, 24));
                v11 = v11.add(v12); v6 = v6.lanewise(XOR, v11); v6 = v6.lanewise(LSHR, 7).or(v6.lanewise(LSHL, 25));
                v2 = v2.add(v7).add(m12); v13 = v13.lanewise(XOR, v2); v13 = v13.lanewise(LSHR, 16).or(v13.lanewise(LSHL, 16));
                v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8); v7 = v7.lanewise(LSHR, 12).or(v7.lanewise(LSHL, 20));
                v2 = v2.add(v7).add(m13); v13 = v13.lanewise(XOR, v2); v13 = v13.lanewise(LSHR, 8).or(v13.lanewise(LSHL, 24));
                v8 = v8.add(v13); v7 = v7.lanewise(XOR, v8); v7 = v7.lanewise(LSHR, 7).or(v7.lanewise(LSHL, 25));
                v3 = v3.add(v4).add(m14); v14 = v14.lanewise(XOR, v3); v14 = v14.lanewise(LSHR, 16).or(v14.lanewise(LSHL, 16));
                v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9); v4 = v4.lanewise(LSHR, 12).or(v4.lanewise(LSHL, 20));
                v3 = v3.add(v4).add(m15); v14 = v14.lanewise(XOR, v3); v14 = v14.lanewise(LSHR, 8).or(v14.lanewise(LSHL, 24));
                v9 = v9.add(v14); v4 = v4.lanewise(XOR, v9); v4 = v4.lanewise(LSHR, 7).or(v4.lanewise(LSHL, 25));
                // the message permutation, as a renaming of locals
                IntVector p0 = m2, p1 = m6, p2 = m3, p3 = m10, p4 = m7, p5 = m0, p6 = m4, p7 = m13, p8 = m1, p9 = m11,
                        p10 = m12, p11 = m5, p12 = m9, p13 = m14, p14 = m15, p15 = m8;
                m0 = p0; m1 = p1; m2 = p2; m3 = p3; m4 = p4; m5 = p5; m6 = p6; m7 = p7;
                m8 = p8; m9 = p9; m10 = p10; m11 = p11; m12 = p12; m13 = p13; m14 = p14; m15 = p15;
            }
            h0 = v0.lanewise(XOR, v8);
            h1 = v1.lanewise(XOR, v9);
            h2 = v2.lanewise(XOR, v10);
            h3 = v3.lanewise(XOR, v11);
            h4 = v4.lanewise(XOR, v12);
            h5 = v5.lanewise(XOR, v13);
            h6 = v6.lanewise(XOR, v14);
            h7 = v7.lanewise(XOR, v15);
        }
        h0.intoArray(cv, 0);
        h1.intoArray(cv, L);
        h2.intoArray(cv, 2 * L);
        h3.intoArray(cv, 3 * L);
        h4.intoArray(cv, 4 * L);
        h5.intoArray(cv, 5 * L);
        h6.intoArray(cv, 6 * L);
        h7.intoArray(cv, 7 * L);
    }

    /** Word {@code i} of input {@code j} (64 bytes at {@code in[base + j * stride]}) to {@code t[i * L + j]}. */
    private static void transpose(byte[] in, int base, int stride, int[] t) {
        for (int j = 0; j < L; j++) {
            int src = base + j * stride;
            for (int i = 0; i < 16; i++) {
                t[i * L + j] = (int) Compressor.LE.get(in, src + 4 * i);
            }
        }
    }

    /** Word-major chaining values of {@code L} inputs to {@code L} consecutive 32-byte values. */
    private static void scatter(int[] cv, byte[] out, int outOff) {
        int[] w = new int[8];
        for (int j = 0; j < L; j++) {
            for (int i = 0; i < 8; i++) {
                w[i] = cv[i * L + j];
            }
            Compressor.store(w, out, outOff + 32 * j);
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public String describe() {
        return "vector (" + S.vectorBitSize() + "-bit, " + L + " lanes)";
    }
}
