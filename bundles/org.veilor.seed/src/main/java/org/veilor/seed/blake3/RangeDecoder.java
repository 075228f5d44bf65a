package org.veilor.seed.blake3;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Checks a verified-streaming range against a root hash as it arrives and hands on only bytes that
 * passed. The stream (written by {@link Outboard#encodeRange}; BLAKE3 "bao" slice layout over
 * 16 KiB chunk groups, as iroh-blobs sends it) is the blob size as 8 little-endian bytes, then a
 * depth-first walk of the group tree: for each parent meeting the range its two child chaining values
 * (64 bytes), for each group in the range its bytes. Each pair is checked against its parent before
 * anything under it is read, each group against its chaining value before it is delivered, so a
 * wrong byte is caught within the group it is in and nothing after it is delivered.
 *
 * <p>The size is proven only when the range reaches the last group (a wrong size changes the tree
 * and fails there); ask for the last group too when the size matters.
 */
public final class RangeDecoder {

    /** Receives verified groups in order. */
    @FunctionalInterface
    public interface Sink {
        /** {@code len} verified bytes of the blob at {@code offset} (a whole chunk group). */
        void accept(long offset, byte[] bytes, int off, int len) throws IOException;
    }

    private final Blake3 engine;
    private final Blake3Hash root;

    /** A decoder checking against {@code root}, hashing with {@code engine}'s kernel. */
    public RangeDecoder(Blake3 engine, Blake3Hash root) {
        this.engine = engine;
        this.root = root;
    }

    /**
     * Reads the encoding of {@code [start, start + length)} from {@code in}, delivering each verified
     * group to {@code sink}; returns the blob size the stream declared.
     *
     * @throws Blake3VerificationException at the first group or pair that does not match
     * @throws EOFException when the stream ends early
     */
    public long decode(long start, long length, InputStream in, Sink sink) throws IOException {
        byte[] header = readFully(in, 8, "the size header");
        long size = 0;
        for (int i = 7; i >= 0; i--) {
            size = size << 8 | (header[i] & 0xff);
        }
        if (size < 0) {
            throw new Blake3VerificationException("the stream declares a negative blob size", 0, true);
        }
        long[] range = RangeWalk.groupRange(size, start, length);
        node(size, 0, ChunkGroups.groups(size), root.raw(), true, range, in, sink);
        return size;
    }

    private void node(long size, long first, long n, byte[] expected, boolean isRoot, long[] range, InputStream in,
            Sink sink) throws IOException {
        if (n == 1) {
            int len = ChunkGroups.groupLength(size, first);
            byte[] data = readFully(in, len, "chunk group " + first);
            byte[] cv = ChunkGroups.groupCv(engine.kernel(), data, 0, len, first, isRoot);
            if (!Blake3Hash.wrap(expected).matches(cv, 0)) {
                throw new Blake3VerificationException("chunk group " + first + " (bytes " + first * Outboard.CHUNK_GROUP_SIZE
                        + ".." + (first * Outboard.CHUNK_GROUP_SIZE + len - 1) + ") does not match the hash tree of "
                        + root.toShortHex(), first, false);
            }
            sink.accept(first * Outboard.CHUNK_GROUP_SIZE, data, 0, len);
            return;
        }
        byte[] pair = readFully(in, 64, "the hash pair over groups " + first + ".." + (first + n - 1));
        if (!Blake3Hash.wrap(expected).matches(ChunkGroups.parentCv(pair, 0, isRoot), 0)) {
            throw new Blake3VerificationException("the hash pair over chunk groups " + first + ".." + (first + n - 1)
                    + " does not match the hash tree of " + root.toShortHex()
                    + (isRoot ? " (or the declared size " + size + " is wrong)" : ""), first, true);
        }
        long left = ChunkGroups.leftGroups(n);
        if (RangeWalk.meets(first, left, range)) {
            node(size, first, left, java.util.Arrays.copyOfRange(pair, 0, 32), false, range, in, sink);
        }
        if (RangeWalk.meets(first + left, n - left, range)) {
            node(size, first + left, n - left, java.util.Arrays.copyOfRange(pair, 32, 64), false, range, in, sink);
        }
    }

    private static byte[] readFully(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("the stream ended inside " + what + " (" + b.length + " of " + n + " bytes)");
        }
        return b;
    }
}
