package org.veilor.seed.blake3;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The one walk both sides of a verified range transfer make over the group tree, depth first:
 * a parent is visited when its groups meet the requested ones (its pair is sent), a group when it is
 * one of them (its bytes are sent). Sender and receiver derive the same visits from the blob size and
 * the range, so the stream needs no framing beyond the leading size.
 */
final class RangeWalk {

    private RangeWalk() {
    }

    /**
     * First and last group of a byte range, as both sides clamp it: an empty blob is its one empty
     * group; a range starting at or past the end means the last group (it proves the size); a zero
     * length means the group holding {@code start}.
     */
    static long[] groupRange(long size, long start, long length) {
        if (start < 0 || length < 0) {
            throw new IllegalArgumentException("invalid range: start " + start + ", length " + length);
        }
        long last = ChunkGroups.groups(size) - 1;
        if (size == 0 || start >= size) {
            return new long[] { last, last };
        }
        long end = length >= size - start ? size : start + Math.max(length, 1);
        return new long[] { start / ChunkGroups.GROUP_BYTES, (end - 1) / ChunkGroups.GROUP_BYTES };
    }

    static boolean meets(long first, long n, long[] range) {
        return first <= range[1] && first + n - 1 >= range[0];
    }

    static void encode(Outboard ob, BlobReader data, long start, long length, OutputStream out) throws IOException {
        long[] range = groupRange(ob.blobSize(), start, length);
        byte[] header = new byte[8];
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (ob.blobSize() >>> (8 * i));
        }
        out.write(header);
        encodeNode(ob, data, 0, ob.groups(), 0, range, out, new byte[ChunkGroups.GROUP_BYTES]);
    }

    private static void encodeNode(Outboard ob, BlobReader data, long first, long n, long index, long[] range,
            OutputStream out, byte[] buf) throws IOException {
        if (n == 1) {
            int len = ChunkGroups.groupLength(ob.blobSize(), first);
            data.read(first * ChunkGroups.GROUP_BYTES, buf, 0, len);
            out.write(buf, 0, len);
            return;
        }
        byte[] pair = new byte[64];
        ob.readPair(index, pair);
        out.write(pair);
        long left = ChunkGroups.leftGroups(n);
        if (meets(first, left, range)) {
            encodeNode(ob, data, first, left, index + 1, range, out, buf);
        }
        if (meets(first + left, n - left, range)) {
            encodeNode(ob, data, first + left, n - left, index + left, range, out, buf);
        }
    }

    static long encodedLength(long size, long start, long length) {
        return 8 + nodeLength(size, 0, ChunkGroups.groups(size), groupRange(size, start, length));
    }

    private static long nodeLength(long size, long first, long n, long[] range) {
        if (n == 1) {
            return ChunkGroups.groupLength(size, first);
        }
        long left = ChunkGroups.leftGroups(n);
        long len = 64;
        if (meets(first, left, range)) {
            len += nodeLength(size, first, left, range);
        }
        if (meets(first + left, n - left, range)) {
            len += nodeLength(size, first + left, n - left, range);
        }
        return len;
    }
}
