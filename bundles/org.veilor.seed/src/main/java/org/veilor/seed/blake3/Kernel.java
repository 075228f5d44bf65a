package org.veilor.seed.blake3;

/**
 * The bulk work of BLAKE3, the part worth doing several inputs at a time: whole chunks into chaining
 * values, and pairs of chaining values into their parents. Chaining values travel as 32 little-endian
 * bytes, so the levels of a tree sit in one byte array and a parent's input is two adjacent values.
 */
interface Kernel {

    /**
     * Hashes {@code n} whole chunks starting at {@code in[off]}, with chunk counters
     * {@code counter .. counter + n - 1}, into {@code n} non-root chaining values at {@code out[outOff]}.
     */
    void hashChunks(byte[] in, int off, int n, int[] key, long counter, int flags, byte[] out, int outOff);

    /**
     * Compresses {@code n} parent nodes, each the 64 bytes of two child chaining values at
     * {@code in[off + 64 i]}, into {@code n} non-root chaining values at {@code out[outOff + 32 i]}.
     * {@code out} may overlap {@code in} at or below it (a tree level reduced in place).
     */
    void hashParents(byte[] in, int off, int n, int[] key, int flags, byte[] out, int outOff);

    /** How many inputs one pass handles (1 for the scalar kernel). */
    int lanes();

    /** For status and benchmark output, e.g. "vector (512-bit, 16 lanes)". */
    String describe();
}
