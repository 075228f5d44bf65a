package org.veilor.seed.blake3;

/**
 * The geometry of iroh-blobs' tree over a blob: 16 KiB chunk groups (16 BLAKE3 chunks) are the
 * leaves, BLAKE3's left-balanced binary tree stands above them, and the outboard keeps the two child
 * chaining values of every parent node, 64 bytes each, in pre-order (the root's pair first, then the
 * left subtree's, then the right's), without a size prefix. A parent covering {@code n} groups has
 * {@code highestOneBit(n - 1)} of them on its left, the largest power of two that leaves the right
 * side non-empty, exactly as BLAKE3 splits chunks, so the group tree is the top of the BLAKE3 tree
 * and its root is the blob's hash.
 */
final class ChunkGroups {

    static final int GROUP_CHUNKS = 16;
    static final int GROUP_BYTES = GROUP_CHUNKS * Compressor.CHUNK_LEN;

    private ChunkGroups() {
    }

    /** Number of groups of a blob (an empty blob has one, empty). */
    static long groups(long size) {
        return size <= GROUP_BYTES ? 1 : (size + GROUP_BYTES - 1) / GROUP_BYTES;
    }

    /** Bytes of group {@code g}. */
    static int groupLength(long size, long g) {
        return (int) Math.min(GROUP_BYTES, size - g * GROUP_BYTES);
    }

    /** Groups on the left of a parent over {@code n} groups. */
    static long leftGroups(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** Outboard bytes of a blob: 64 per parent node; none up to 16 KiB. */
    static long outboardSize(long size) {
        return (groups(size) - 1) * 64;
    }

    /**
     * CVs of {@code count} whole groups at {@code in[off]}, the first being group {@code first}: all
     * their chunks through the kernel, then four levels of parents in place (aligned groups reduce
     * independently). 32 bytes each to {@code out[outOff]}. {@code scratch} holds 32 bytes per chunk.
     */
    static void wholeGroups(Kernel kernel, byte[] in, int off, int count, long first, byte[] scratch, byte[] out,
            int outOff) {
        int n = count * GROUP_CHUNKS;
        kernel.hashChunks(in, off, n, Compressor.IV, first * GROUP_CHUNKS, 0, scratch, 0);
        for (int level = 0; level < 4; level++) {
            n >>= 1;
            kernel.hashParents(scratch, 0, n, Compressor.IV, 0, scratch, 0);
        }
        System.arraycopy(scratch, 0, out, outOff, 32 * count);
    }

    /** The node of group {@code g} holding {@code len} bytes at {@code in[off]} (any length up to 16 KiB). */
    static Output group(Kernel kernel, byte[] in, int off, int len, long g) {
        return Subtrees.node(kernel, in, off, len, Compressor.IV, g * GROUP_CHUNKS, 0);
    }

    /** 32-byte chaining value (or root hash, for a one-group blob) of group {@code g}. */
    static byte[] groupCv(Kernel kernel, byte[] in, int off, int len, long g, boolean root) {
        if (root) {
            return group(kernel, in, off, len, g).rootHash();
        }
        byte[] cv = new byte[32];
        if (len == GROUP_BYTES) {
            wholeGroups(kernel, in, off, 1, g, new byte[32 * GROUP_CHUNKS], cv, 0);
        } else {
            Compressor.store(group(kernel, in, off, len, g).chainingValue(), cv, 0);
        }
        return cv;
    }

    /** 32-byte chaining value, or root hash, of the parent over a 64-byte pair. */
    static byte[] parentCv(byte[] pair, int off, boolean root) {
        Output p = Output.parent(pair, off, Compressor.IV, 0);
        if (root) {
            return p.rootHash();
        }
        byte[] cv = new byte[32];
        Compressor.store(p.chainingValue(), cv, 0);
        return cv;
    }
}
