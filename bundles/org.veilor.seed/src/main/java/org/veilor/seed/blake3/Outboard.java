package org.veilor.seed.blake3;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;

/**
 * A blob's hash tree above its 16 KiB chunk groups, stored apart from the data as iroh-blobs stores
 * it (a pre-order outboard of 64-byte child pairs, no size prefix; see {@link ChunkGroups}). With it a
 * holder of the blob can prove any byte range against the root hash: {@link #encodeRange} writes
 * the range in the verified-streaming layout {@link RangeDecoder} checks group by group. Blobs up to
 * 16 KiB have an empty outboard: the data is its own proof.
 */
public final class Outboard {

    /** Bytes of a chunk group, the unit of verification. */
    public static final int CHUNK_GROUP_SIZE = ChunkGroups.GROUP_BYTES;

    /** Reads the pair at a pre-order index. */
    private interface Pairs {
        void read(long index, byte[] pair) throws IOException;
    }

    private final Blake3Hash root;
    private final long size;
    private final Pairs pairs;

    private Outboard(Blake3Hash root, long size, Pairs pairs) {
        this.root = root;
        this.size = size;
        this.pairs = pairs;
    }

    /** Outboard bytes of a blob of {@code blobSize} bytes: 64 per parent node, 0 up to 16 KiB. */
    public static long outboardSize(long blobSize) {
        if (blobSize < 0) {
            throw new IllegalArgumentException("negative blob size " + blobSize);
        }
        return ChunkGroups.outboardSize(blobSize);
    }

    /** Hashes in-memory data and builds its outboard in memory. */
    public static Outboard create(Blake3 engine, byte[] data) throws IOException {
        byte[] ob = new byte[Math.toIntExact(outboardSize(data.length))];
        byte[] hash = OutboardBuilder.build(engine.kernel(), engine.pool(), BlobReader.of(data), data.length,
                (i, pair) -> System.arraycopy(pair, 0, ob, Math.toIntExact(i * 64), 64));
        return of(Blake3Hash.wrap(hash), data.length, ob);
    }

    /**
     * Hashes the first {@code size} bytes of {@code data} (positional reads, constant memory, in
     * parallel when {@code engine} is) and writes their outboard to {@code out} from position 0;
     * {@code out} ends up exactly {@link #outboardSize} long. The result reads its pairs from {@code out}.
     */
    public static Outboard create(Blake3 engine, FileChannel data, long size, FileChannel out) throws IOException {
        OutboardPages pages = new OutboardPages(out, outboardSize(size));
        byte[] hash = OutboardBuilder.build(engine.kernel(), engine.pool(), BlobReader.of(data), size, pages::put);
        pages.flush();
        return open(Blake3Hash.wrap(hash), size, out);
    }

    /** An existing outboard held in memory. */
    public static Outboard of(Blake3Hash root, long size, byte[] outboard) {
        checkLength(size, outboard.length);
        byte[] ob = outboard.clone();
        return new Outboard(root, size, (i, pair) -> System.arraycopy(ob, Math.toIntExact(i * 64), pair, 0, 64));
    }

    /** An existing outboard file (positional reads; the channel stays the caller's to close). */
    public static Outboard open(Blake3Hash root, long size, FileChannel outboard) throws IOException {
        checkLength(size, outboard.size());
        return new Outboard(root, size, (i, pair) -> ChannelReader.readFully(outboard, pair, 64, i * 64));
    }

    private static void checkLength(long size, long actual) {
        if (actual != outboardSize(size)) {
            throw new IllegalArgumentException("an outboard of a " + size + "-byte blob has " + outboardSize(size)
                    + " bytes, not " + actual);
        }
    }

    /** The blob's BLAKE3 hash (the root of the tree). */
    public Blake3Hash root() {
        return root;
    }

    /** The blob's size in bytes. */
    public long blobSize() {
        return size;
    }

    /** Number of chunk groups (1 for blobs up to 16 KiB, even empty ones). */
    public long groups() {
        return ChunkGroups.groups(size);
    }

    /** The pair of child chaining values stored at a pre-order index (64 bytes). */
    public byte[] pair(long index) throws IOException {
        if (index < 0 || index >= groups() - 1) {
            throw new IndexOutOfBoundsException("pair " + index + " of an outboard with " + (groups() - 1));
        }
        byte[] pair = new byte[64];
        pairs.read(index, pair);
        return pair;
    }

    /**
     * Writes the verified-streaming encoding of the byte range {@code [start, start + length)} of
     * this blob (its data in {@code data}): see {@link RangeDecoder} for the layout. Only the groups
     * the range touches and the pairs on their paths are sent.
     */
    public void encodeRange(byte[] data, long start, long length, OutputStream out) throws IOException {
        checkData(data.length);
        RangeWalk.encode(this, BlobReader.of(data), start, length, out);
    }

    /** As {@link #encodeRange(byte[], long, long, OutputStream)}, the data read from a file. */
    public void encodeRange(FileChannel data, long start, long length, OutputStream out) throws IOException {
        checkData(data.size());
        RangeWalk.encode(this, BlobReader.of(data), start, length, out);
    }

    /** Bytes {@link #encodeRange} writes for a range (for a Content-Length). */
    public long encodedLength(long start, long length) {
        return RangeWalk.encodedLength(size, start, length);
    }

    void readPair(long index, byte[] pair) throws IOException {
        pairs.read(index, pair);
    }

    private void checkData(long actual) {
        if (actual < size) {
            throw new IllegalArgumentException("the data has " + actual + " bytes; the outboard is for " + size);
        }
    }
}
