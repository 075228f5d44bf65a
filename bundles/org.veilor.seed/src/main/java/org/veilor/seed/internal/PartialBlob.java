package org.veilor.seed.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.veilor.core.FileAttrs;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;

/**
 * A blob being pulled: {@code partial/<hash>.data} with the chunk groups verified so far at their
 * offsets, and {@code partial/<hash>.state} recording which ones (the proven size and a bitfield).
 * The data is synced before the state that claims it is written (atomically, through the host), so
 * after a crash the state never names a group whose bytes are not on disk: a pull resumes from its
 * verified groups. Partial blobs are never visible as blobs; {@link BlobStore#commitData} makes them one.
 */
final class PartialBlob implements Closeable {

    private static final byte[] MAGIC = "VSP1".getBytes(StandardCharsets.US_ASCII);
    /** Checkpoint the state after this many new groups (1 MiB), or on demand. */
    private static final int CHECKPOINT_GROUPS = 64;

    private final BlobStore store;
    private final Blake3Hash hash;
    private final long size;
    private final long groups;
    private final FileChannel channel;
    private final BitSet verified;
    private int sinceCheckpoint;

    private PartialBlob(BlobStore store, Blake3Hash hash, long size, FileChannel channel, BitSet verified) {
        this.store = store;
        this.hash = hash;
        this.size = size;
        this.groups = groupsOf(size);
        this.channel = channel;
        this.verified = verified;
    }

    /**
     * Opens the partial pull of {@code hash}, resuming its verified groups when a state for the same
     * size exists; otherwise starts empty.
     */
    static PartialBlob open(BlobStore store, Blake3Hash hash, long size) throws IOException {
        Path data = store.partial(hash, ".data");
        BitSet bits = new BitSet();
        Path state = store.partial(hash, ".state");
        if (Files.exists(state) && Files.exists(data)) {
            byte[] s = Files.readAllBytes(state);
            if (s.length >= 12 && Arrays.equals(Arrays.copyOf(s, 4), MAGIC) && ByteBuffer.wrap(s, 4, 8).getLong() == size) {
                bits = BitSet.valueOf(Arrays.copyOfRange(s, 12, s.length));
            }
        }
        if (!Files.exists(data)) {
            Files.createFile(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        FileChannel ch = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new PartialBlob(store, hash, size, ch, bits);
    }

    /** The proven size of a pull recorded in {@code partial/} for a hash, or -1. */
    static long recordedSize(BlobStore store, Blake3Hash hash) throws IOException {
        Path state = store.partial(hash, ".state");
        if (!Files.exists(state)) {
            return -1;
        }
        byte[] s = Files.readAllBytes(state);
        return s.length >= 12 && Arrays.equals(Arrays.copyOf(s, 4), MAGIC) ? ByteBuffer.wrap(s, 4, 8).getLong() : -1;
    }

    static long groupsOf(long size) {
        long g = Outboard.CHUNK_GROUP_SIZE;
        return size <= g ? 1 : (size + g - 1) / g;
    }

    Blake3Hash hash() {
        return hash;
    }

    long size() {
        return size;
    }

    long groups() {
        return groups;
    }

    synchronized boolean has(long group) {
        return verified.get(Math.toIntExact(group));
    }

    synchronized boolean complete() {
        return verified.nextClearBit(0) >= groups;
    }

    /** Bytes verified so far. */
    synchronized long verifiedBytes() {
        long n = verified.cardinality() * (long) Outboard.CHUNK_GROUP_SIZE;
        if (verified.get(Math.toIntExact(groups - 1))) {
            n -= groups * Outboard.CHUNK_GROUP_SIZE - size;
        }
        return Math.min(n, size);
    }

    /** Writes a verified group at its offset and records it (checkpointing every 1 MiB). */
    void write(long offset, byte[] bytes, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(bytes, off, len);
        long pos = offset;
        while (bb.hasRemaining()) {
            pos += channel.write(bb, pos);
        }
        synchronized (this) {
            verified.set(Math.toIntExact(offset / Outboard.CHUNK_GROUP_SIZE));
            if (++sinceCheckpoint >= CHECKPOINT_GROUPS) {
                checkpoint();
            }
        }
    }

    /** Syncs the data, then records the verified groups (atomic write through the host). */
    synchronized void checkpoint() throws IOException {
        channel.force(false);
        byte[] bits = verified.toByteArray();
        ByteBuffer s = ByteBuffer.allocate(12 + bits.length);
        s.put(MAGIC).putLong(size).put(bits);
        store.host().writeAtomic(store.hostPath("partial/" + hash.toHex() + ".state"), s.array(), FileAttrs.PRIVATE);
        sinceCheckpoint = 0;
    }

    /**
     * Runs of missing groups between {@code first} and {@code last} (inclusive), each at most
     * {@code maxRun} groups: {@code [firstGroup, count]}.
     */
    synchronized List<long[]> missing(long first, long last, int maxRun) {
        List<long[]> runs = new ArrayList<>();
        long g = first;
        while (g <= last) {
            int clear = verified.nextClearBit(Math.toIntExact(g));
            if (clear > last) {
                break;
            }
            int set = verified.nextSetBit(clear);
            long end = set < 0 || set > last ? last + 1 : set;
            for (long s = clear; s < end; s += maxRun) {
                runs.add(new long[] { s, Math.min(maxRun, end - s) });
            }
            g = end;
        }
        return runs;
    }

    /** Reads verified bytes (the caller checked {@link #has}). */
    int read(long position, byte[] buf, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, off, len);
        long pos = position;
        while (bb.hasRemaining()) {
            int n = channel.read(bb, pos);
            if (n < 0) {
                throw new IOException("partial data of " + hash.toShortHex() + " ends at " + pos);
            }
            pos += n;
        }
        return len;
    }

    /** The data file, for the store to commit once complete. */
    Path dataFile() {
        return store.partial(hash, ".data");
    }

    /** Deletes the partial files (after a commit, or when given up). */
    void discard() throws IOException {
        close();
        Files.deleteIfExists(store.partial(hash, ".data"));
        Files.deleteIfExists(store.partial(hash, ".state"));
    }

    /** Bytes the partial takes on disk (its full size: it is counted against the cache cap). */
    long reservedBytes() {
        return size;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
