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
import java.util.Set;
import org.veilor.core.FileAttrs;
import org.veilor.core.Folders;
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
    /** The data left {@code partial/}: a state written now would name data that is not there. */
    private boolean retired;

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
        // Open (or create) the data before reading the state: a state without its data names nothing.
        FileChannel ch = FileChannel.open(data, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            BitSet bits = new BitSet();
            if (ch.size() > 0) {
                byte[] s = Folders.ifPresent(store.partial(hash, ".state"), Files::readAllBytes).orElse(new byte[0]);
                if (sizeIn(s) == size) {
                    bits = BitSet.valueOf(Arrays.copyOfRange(s, 12, s.length));
                }
            }
            return new PartialBlob(store, hash, size, ch, bits);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * The proven size of a pull recorded in {@code partial/} for a hash, or -1 (also when the state
     * file goes while it is read: its pull committed, or eviction dropped it).
     */
    static long recordedSize(BlobStore store, Blake3Hash hash) throws IOException {
        return recordedSize(store.partial(hash, ".state"));
    }

    /** The proven size a state file records, or -1 when it is not one or is gone. */
    static long recordedSize(Path state) throws IOException {
        return Folders.ifPresent(state, Files::readAllBytes).map(PartialBlob::sizeIn).orElse(-1L);
    }

    private static long sizeIn(byte[] s) {
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

    /**
     * Syncs the data, then records the verified groups (atomic write through the host). Does nothing
     * once the data was committed or discarded, so a late checkpoint cannot bring back a state file
     * for a pull that is over (the cache would count it as a partial).
     */
    synchronized void checkpoint() throws IOException {
        if (retired) {
            return;
        }
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

    /** The data was moved into the store: no state is written for it any more. */
    synchronized void retire() {
        retired = true;
    }

    /** Deletes the partial files (after a commit, or when given up). */
    void discard() throws IOException {
        retire();
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
