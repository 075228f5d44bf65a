package org.veilor.seed.blake3;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

/**
 * Incremental BLAKE3: {@code update} as often as needed with pieces of any size, then finalize to
 * any output length. Finalizing does not change the state, so more input may follow. Memory is
 * constant: one partial chunk, a stack of at most 54 chaining values and a 32 KiB scratch.
 *
 * <p>Whole aligned subtrees are hashed in one piece by the kernel (and, with a pool, 1 MiB segments
 * on several threads); everything else goes through the chunk state one block at a time. The
 * chaining-value stack merges lazily, one step behind, so the last node can still be finalized
 * as the root. Not thread-safe: one hasher per stream.
 */
public final class Blake3Hasher {

    private static final int MAX_DEPTH = 54;
    /** Segments handed to the pool at once (64 MiB). */
    private static final int BATCH_SEGMENTS = 64;

    private final Kernel kernel;
    private final ForkJoinPool pool;
    private final int[] key;
    private final int flags;

    private final int[] chunkCv = new int[8];
    private final byte[] block = new byte[Compressor.BLOCK_LEN];
    private int blockLen;
    private int blocksCompressed;
    private long chunkCounter;

    private final int[] stack = new int[MAX_DEPTH * 8];
    private int stackLen;
    private byte[] scratch;

    Blake3Hasher(Kernel kernel, ForkJoinPool pool, int[] key, int flags) {
        this.kernel = kernel;
        this.pool = pool;
        this.key = key;
        this.flags = flags;
        System.arraycopy(key, 0, chunkCv, 0, 8);
    }

    /** Adds all of {@code in}. */
    public Blake3Hasher update(byte[] in) {
        return update(in, 0, in.length);
    }

    /** Adds {@code in[off .. off + len)}. */
    public Blake3Hasher update(byte[] in, int off, int len) {
        Objects.checkFromIndexSize(off, len, in.length);
        if (chunkLen() > 0) {
            int take = Math.min(Compressor.CHUNK_LEN - chunkLen(), len);
            chunkUpdate(in, off, take);
            off += take;
            len -= take;
            if (len == 0) {
                return this;
            }
            pushCv(chunkOutput().chainingValue(), chunkCounter);
            resetChunk(chunkCounter + 1);
        }
        // Whole subtrees while more than a chunk is left: the last chunk stays in the chunk state,
        // unless a subtree ends exactly at the end, whose two halves then stay unmerged on the stack.
        while (len > Compressor.CHUNK_LEN) {
            int chunks = Math.min(Integer.highestOneBit(len) / Compressor.CHUNK_LEN, Subtrees.SEGMENT_CHUNKS);
            while ((chunkCounter & (chunks - 1)) != 0) {
                chunks >>= 1;
            }
            if (chunks == 1) {
                pushCv(wholeChunk(in, off), chunkCounter);
                chunkCounter++;
                off += Compressor.CHUNK_LEN;
                len -= Compressor.CHUNK_LEN;
                continue;
            }
            int segments = len / Subtrees.SEGMENT_BYTES;
            if (pool != null && chunks == Subtrees.SEGMENT_CHUNKS && segments >= 2) {
                segments = Math.min(segments, BATCH_SEGMENTS);
                byte[] pairs = new byte[64 * segments];
                Subtrees.segmentPairs(pool, kernel, in, off, segments, key, chunkCounter, flags, pairs);
                for (int s = 0; s < segments; s++) {
                    pushPair(pairs, 64 * s, Subtrees.SEGMENT_CHUNKS);
                }
                off += segments * Subtrees.SEGMENT_BYTES;
                len -= segments * Subtrees.SEGMENT_BYTES;
                continue;
            }
            if (scratch == null) {
                scratch = Subtrees.scratch();
            }
            Subtrees.pair(kernel, in, off, chunks, key, chunkCounter, flags, scratch, scratch, 0);
            pushPair(scratch, 0, chunks);
            off += chunks * Compressor.CHUNK_LEN;
            len -= chunks * Compressor.CHUNK_LEN;
        }
        if (len > 0) {
            // A new chunk begins: merge what is complete now, so at finalization the stack holds no
            // unmerged pair below the chunk (that pair's parent could not be the root any more).
            mergeStack(chunkCounter);
            chunkUpdate(in, off, len);
        }
        return this;
    }

    /** Adds the remaining bytes of {@code in} (its position moves to its limit). */
    public Blake3Hasher update(ByteBuffer in) {
        if (in.hasArray()) {
            update(in.array(), in.arrayOffset() + in.position(), in.remaining());
            in.position(in.limit());
            return this;
        }
        byte[] buf = new byte[Math.min(in.remaining(), 4 * Subtrees.SEGMENT_BYTES)];
        while (in.hasRemaining()) {
            int n = Math.min(buf.length, in.remaining());
            in.get(buf, 0, n);
            update(buf, 0, n);
        }
        return this;
    }

    /** The 32-byte hash of everything added so far. */
    public Blake3Hash finalizeHash() {
        return Blake3Hash.wrap(rootOutput().rootHash());
    }

    /** The first {@code length} bytes of the extended output (the first 32 are the hash). */
    public byte[] finalizeBytes(int length) {
        byte[] out = new byte[length];
        rootOutput().rootBytes(0, out, 0, length);
        return out;
    }

    /** A reader of the extended output, from position 0. */
    public Blake3OutputReader finalizeXof() {
        return new Blake3OutputReader(rootOutput());
    }

    /** Forgets all input; keeps the key and mode. */
    public Blake3Hasher reset() {
        stackLen = 0;
        resetChunk(0);
        return this;
    }

    /** Bytes added since creation or the last {@link #reset()}. */
    public long length() {
        return chunkCounter * Compressor.CHUNK_LEN + chunkLen();
    }

    /**
     * Pushes the two child chaining values of a whole subtree of {@code chunks} chunks that starts at
     * the current chunk counter. The chunk state must be empty and the counter aligned to the subtree.
     */
    void pushPair(byte[] pair, int off, int chunks) {
        pushCv(Compressor.words(pair, off), chunkCounter);
        pushCv(Compressor.words(pair, off + 32), chunkCounter + chunks / 2);
        chunkCounter += chunks;
        resetChunk(chunkCounter);
    }

    /**
     * The chaining value of one whole chunk, straight into words. (Going through a fresh 32-byte
     * array, written as ints and read back as ints, met a C2 miscompilation on JDK 17.0.15: see
     * {@code JitRegressionTest}.)
     */
    private int[] wholeChunk(byte[] in, int off) {
        int[] cv = key.clone();
        for (int b = 0; b < 16; b++) {
            int f = flags | (b == 0 ? Compressor.CHUNK_START : 0) | (b == 15 ? Compressor.CHUNK_END : 0);
            Compressor.compress(cv, in, off + b * Compressor.BLOCK_LEN, Compressor.BLOCK_LEN, chunkCounter, f, cv);
        }
        return cv;
    }

    int[] key() {
        return key;
    }

    int flags() {
        return flags;
    }

    int chunkLen() {
        return blocksCompressed * Compressor.BLOCK_LEN + blockLen;
    }

    private void chunkUpdate(byte[] in, int off, int len) {
        while (len > 0) {
            if (blockLen == Compressor.BLOCK_LEN) {
                compressBlock(block, 0);
                Arrays.fill(block, (byte) 0);
                blockLen = 0;
            }
            // Full blocks straight from the input while more follows (the last block of a chunk is kept).
            while (blockLen == 0 && len > Compressor.BLOCK_LEN) {
                compressBlock(in, off);
                off += Compressor.BLOCK_LEN;
                len -= Compressor.BLOCK_LEN;
            }
            int take = Math.min(Compressor.BLOCK_LEN - blockLen, len);
            System.arraycopy(in, off, block, blockLen, take);
            blockLen += take;
            off += take;
            len -= take;
        }
    }

    private void compressBlock(byte[] in, int off) {
        int f = flags | (blocksCompressed == 0 ? Compressor.CHUNK_START : 0);
        Compressor.compress(chunkCv, in, off, Compressor.BLOCK_LEN, chunkCounter, f, chunkCv);
        blocksCompressed++;
    }

    private Output chunkOutput() {
        int f = flags | (blocksCompressed == 0 ? Compressor.CHUNK_START : 0) | Compressor.CHUNK_END;
        return new Output(chunkCv.clone(), block.clone(), chunkCounter, blockLen, f);
    }

    private void resetChunk(long counter) {
        System.arraycopy(key, 0, chunkCv, 0, 8);
        Arrays.fill(block, (byte) 0);
        blockLen = 0;
        blocksCompressed = 0;
        chunkCounter = counter;
    }

    /** Merges completed subtrees (as many as the chunks before this one allow), then pushes. */
    private void pushCv(int[] cv, long chunksBefore) {
        mergeStack(chunksBefore);
        System.arraycopy(cv, 0, stack, stackLen++ * 8, 8);
    }

    /** Merges the stack down to one entry per one-bit of the chunk count (the complete subtrees). */
    private void mergeStack(long chunksBefore) {
        int keep = Long.bitCount(chunksBefore);
        while (stackLen > keep) {
            int[] right = Arrays.copyOfRange(stack, (stackLen - 1) * 8, stackLen * 8);
            int[] left = Arrays.copyOfRange(stack, (stackLen - 2) * 8, (stackLen - 1) * 8);
            int[] parent = Output.parent(left, right, key, flags).chainingValue();
            stackLen -= 2;
            System.arraycopy(parent, 0, stack, stackLen++ * 8, 8);
        }
    }

    private Output rootOutput() {
        if (stackLen == 0) {
            return chunkOutput();
        }
        int remaining = stackLen;
        Output out;
        if (chunkLen() > 0) {
            out = chunkOutput();
        } else {
            out = Output.parent(cv(remaining - 2), cv(remaining - 1), key, flags);
            remaining -= 2;
        }
        while (remaining > 0) {
            out = Output.parent(cv(remaining - 1), out.chainingValue(), key, flags);
            remaining--;
        }
        return out;
    }

    private int[] cv(int i) {
        return Arrays.copyOfRange(stack, i * 8, i * 8 + 8);
    }
}
