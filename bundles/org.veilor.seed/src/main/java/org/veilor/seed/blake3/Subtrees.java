package org.veilor.seed.blake3;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Whole aligned subtrees of full chunks, the unit of bulk and parallel work. A subtree of
 * {@code 2^k} chunks is hashed level by level in a scratch array: all chunk chaining values first
 * (the kernel does them several at a time), then each level of parents in place, so the kernel's
 * width is used on every level but the last few. The result is the subtree's two child chaining
 * values, not their parent: the parent may turn out to be the root, which needs a different flag.
 */
final class Subtrees {

    /** Largest subtree done as one piece (1 MiB): bounds scratch memory and is the parallel grain. */
    static final int SEGMENT_CHUNKS = 1024;
    static final int SEGMENT_BYTES = SEGMENT_CHUNKS * Compressor.CHUNK_LEN;

    private Subtrees() {
    }

    /** Scratch big enough for any call of {@link #pair}. */
    static byte[] scratch() {
        return new byte[SEGMENT_CHUNKS * Compressor.OUT_LEN];
    }

    /**
     * The two child chaining values of the subtree of {@code chunks} (a power of two, 2 or more, at most
     * {@link #SEGMENT_CHUNKS}) full chunks at {@code in[off]} whose first chunk counter is
     * {@code counter}: 64 bytes to {@code out[outOff]}.
     */
    static void pair(Kernel kernel, byte[] in, int off, int chunks, int[] key, long counter, int flags, byte[] scratch,
            byte[] out, int outOff) {
        kernel.hashChunks(in, off, chunks, key, counter, flags, scratch, 0);
        for (int n = chunks; n > 2; n >>= 1) {
            kernel.hashParents(scratch, 0, n >> 1, key, flags, scratch, 0);
        }
        System.arraycopy(scratch, 0, out, outOff, 64);
    }

    /**
     * The pairs (see {@link #pair}) of {@code count} consecutive full segments at {@code in[off]},
     * the first at chunk counter {@code counter}, computed on {@code pool}: 64 bytes each to {@code out}.
     */
    static void segmentPairs(ForkJoinPool pool, Kernel kernel, byte[] in, int off, int count, int[] key, long counter,
            int flags, byte[] out) {
        pool.invoke(new SegmentTask(kernel, in, off, 0, count, key, counter, flags, out));
    }

    /** Splits a run of segments in halves down to one segment per task. */
    private static final class SegmentTask extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Kernel kernel;
        private final byte[] in;
        private final int off;
        private final int from;
        private final int to;
        private final int[] key;
        private final long counter;
        private final int flags;
        private final byte[] out;

        SegmentTask(Kernel kernel, byte[] in, int off, int from, int to, int[] key, long counter, int flags,
                byte[] out) {
            this.kernel = kernel;
            this.in = in;
            this.off = off;
            this.from = from;
            this.to = to;
            this.key = key;
            this.counter = counter;
            this.flags = flags;
            this.out = out;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                pair(kernel, in, off + from * SEGMENT_BYTES, SEGMENT_CHUNKS, key,
                        counter + (long) from * SEGMENT_CHUNKS, flags, scratch(), out, 64 * from);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new SegmentTask(kernel, in, off, from, mid, key, counter, flags, out),
                    new SegmentTask(kernel, in, off, mid, to, key, counter, flags, out));
        }
    }

    /**
     * The node over {@code len} bytes (at least one) at {@code in[off]} whose first chunk counter is
     * {@code counter}, any length: a chunk when it fits in one, else the parent of the left-balanced
     * split (the left side gets the largest power-of-two number of chunks that leaves the right side
     * non-empty). Used for chunk groups (at most 16 KiB), whose sizes are not always powers of two;
     * {@code len} must stay within two segments.
     */
    static Output node(Kernel kernel, byte[] in, int off, int len, int[] key, long counter, int flags) {
        if (len <= Compressor.CHUNK_LEN) {
            return chunk(in, off, len, key, counter, flags);
        }
        int chunks = (len + Compressor.CHUNK_LEN - 1) / Compressor.CHUNK_LEN;
        int left = Integer.highestOneBit(chunks - 1);
        int leftLen = left * Compressor.CHUNK_LEN;
        int[] l;
        if (left >= 2) {
            byte[] pair = new byte[64];
            pair(kernel, in, off, left, key, counter, flags, scratch(), pair, 0);
            l = Output.parent(pair, 0, key, flags).chainingValue();
        } else {
            l = chunk(in, off, leftLen, key, counter, flags).chainingValue();
        }
        int[] r = node(kernel, in, off + leftLen, len - leftLen, key, counter + left, flags).chainingValue();
        return Output.parent(l, r, key, flags);
    }

    /** One chunk of 1..1024 bytes (0 only for the empty input). */
    static Output chunk(byte[] in, int off, int len, int[] key, long counter, int flags) {
        int[] cv = key.clone();
        int blocks = len == 0 ? 1 : (len + Compressor.BLOCK_LEN - 1) / Compressor.BLOCK_LEN;
        for (int b = 0; b < blocks - 1; b++) {
            int f = flags | (b == 0 ? Compressor.CHUNK_START : 0);
            Compressor.compress(cv, in, off + b * Compressor.BLOCK_LEN, Compressor.BLOCK_LEN, counter, f, cv);
        }
        int lastLen = len - (blocks - 1) * Compressor.BLOCK_LEN;
        byte[] last = new byte[Compressor.BLOCK_LEN];
        System.arraycopy(in, off + (blocks - 1) * Compressor.BLOCK_LEN, last, 0, lastLen);
        int f = flags | (blocks == 1 ? Compressor.CHUNK_START : 0) | Compressor.CHUNK_END;
        return new Output(cv, last, counter, lastLen, f);
    }
}
