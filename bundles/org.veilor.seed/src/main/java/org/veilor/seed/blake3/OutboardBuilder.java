package org.veilor.seed.blake3;

import java.io.IOException;
import java.util.concurrent.ForkJoinPool;

/**
 * Builds a pre-order outboard in one sequential pass over the blob: a depth-first walk of the group
 * tree takes the group chaining values in data order, computes each parent when both its children
 * are done, and stores the pair at the parent's pre-order index (the root is 0; a left child is its
 * parent's index + 1; a right child is its parent's index + the left side's group count).
 */
final class OutboardBuilder {

    /** Where pairs go: a byte array or {@link OutboardPages}. */
    interface PairSink {
        void put(long index, byte[] pair) throws IOException;
    }

    private final GroupCvStream groups;
    private final PairSink sink;

    private OutboardBuilder(GroupCvStream groups, PairSink sink) {
        this.groups = groups;
        this.sink = sink;
    }

    /** Hashes the blob, writes its outboard to {@code sink}, returns the root hash. */
    static byte[] build(Kernel kernel, ForkJoinPool pool, BlobReader reader, long size, PairSink sink)
            throws IOException {
        long n = ChunkGroups.groups(size);
        if (n == 1) {
            byte[] data = new byte[(int) size];
            reader.read(0, data, 0, data.length);
            return ChunkGroups.groupCv(kernel, data, 0, data.length, 0, true);
        }
        return new OutboardBuilder(new GroupCvStream(kernel, pool, reader, size), sink).node(n, 0, true);
    }

    private byte[] node(long n, long index, boolean root) throws IOException {
        if (n == 1) {
            return groups.next();
        }
        long left = ChunkGroups.leftGroups(n);
        byte[] pair = new byte[64];
        System.arraycopy(node(left, index + 1, false), 0, pair, 0, 32);
        System.arraycopy(node(n - left, index + left, false), 0, pair, 32, 32);
        sink.put(index, pair);
        return ChunkGroups.parentCv(pair, 0, root);
    }
}
