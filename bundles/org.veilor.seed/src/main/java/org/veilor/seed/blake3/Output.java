package org.veilor.seed.blake3;

/**
 * The inputs of a node's last compression, kept unevaluated: the same node gives a chaining value
 * (inside a tree) or, with the ROOT flag and an output block counter, any part of the extended output.
 */
final class Output {

    private final int[] cv;
    private final byte[] block;
    private final long counter;
    private final int blockLen;
    private final int flags;

    Output(int[] cv, byte[] block, long counter, int blockLen, int flags) {
        this.cv = cv;
        this.block = block;
        this.counter = counter;
        this.blockLen = blockLen;
        this.flags = flags;
    }

    /** A parent node over two chaining values (8 words each). */
    static Output parent(int[] left, int[] right, int[] key, int flags) {
        byte[] block = new byte[Compressor.BLOCK_LEN];
        Compressor.store(left, block, 0);
        Compressor.store(right, block, 32);
        return new Output(key, block, 0, Compressor.BLOCK_LEN, flags | Compressor.PARENT);
    }

    /** A parent node over 64 bytes of two chaining values. */
    static Output parent(byte[] pair, int off, int[] key, int flags) {
        byte[] block = new byte[Compressor.BLOCK_LEN];
        System.arraycopy(pair, off, block, 0, Compressor.BLOCK_LEN);
        return new Output(key, block, 0, Compressor.BLOCK_LEN, flags | Compressor.PARENT);
    }

    /** The non-root chaining value of this node. */
    int[] chainingValue() {
        int[] out = new int[8];
        Compressor.compress(cv, block, 0, blockLen, counter, flags, out);
        return out;
    }

    /** The root hash (first 32 bytes of the root output). */
    byte[] rootHash() {
        byte[] out = new byte[Compressor.OUT_LEN];
        int[] w = new int[8];
        Compressor.compress(cv, block, 0, blockLen, 0, flags | Compressor.ROOT, w);
        Compressor.store(w, out, 0);
        return out;
    }

    /** Root output bytes from {@code position} on, {@code len} of them, into {@code out[off]}. */
    void rootBytes(long position, byte[] out, int off, int len) {
        int[] w = new int[16];
        byte[] blockOut = new byte[Compressor.BLOCK_LEN];
        long blockIndex = Long.divideUnsigned(position, Compressor.BLOCK_LEN);
        int skip = (int) Long.remainderUnsigned(position, Compressor.BLOCK_LEN);
        while (len > 0) {
            Compressor.compress(cv, block, 0, blockLen, blockIndex, flags | Compressor.ROOT, w);
            Compressor.store(w, blockOut, 0);
            Compressor.store(java.util.Arrays.copyOfRange(w, 8, 16), blockOut, 32);
            int take = Math.min(Compressor.BLOCK_LEN - skip, len);
            System.arraycopy(blockOut, skip, out, off, take);
            off += take;
            len -= take;
            skip = 0;
            blockIndex++;
        }
    }
}
