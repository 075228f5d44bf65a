package org.veilor.seed.blake3;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Feeds the first {@code size} bytes of a file channel to a hasher with positional reads, in
 * constant memory. With a pool, each worker reads and hashes its own 1 MiB segment, so reading
 * runs in parallel too; a batch of a few segments per worker keeps the pool busy between the
 * in-order pushes of their results.
 */
final class ChannelReader {

    private final FileChannel channel;
    private final long size;
    private final Kernel kernel;
    private final ForkJoinPool pool;

    ChannelReader(FileChannel channel, long size, Kernel kernel, ForkJoinPool pool) {
        this.channel = channel;
        this.size = size;
        this.kernel = kernel;
        this.pool = pool;
    }

    void feed(Blake3Hasher h) throws IOException {
        long pos = 0;
        if (pool != null && size >= 2L * Subtrees.SEGMENT_BYTES) {
            pos = feedSegments(h);
        }
        byte[] buf = new byte[(int) Math.min(Subtrees.SEGMENT_BYTES, Math.max(size - pos, 0))];
        while (pos < size) {
            int n = (int) Math.min(buf.length, size - pos);
            readFully(channel, buf, n, pos);
            h.update(buf, 0, n);
            pos += n;
        }
    }

    /** Hashes all whole segments on the pool; returns how many bytes that covered. */
    private long feedSegments(Blake3Hasher h) throws IOException {
        long segments = size / Subtrees.SEGMENT_BYTES;
        int batch = Math.max(2, 2 * pool.getParallelism());
        byte[][] buffers = new byte[(int) Math.min(batch, segments)][];
        byte[] pairs = new byte[64 * buffers.length];
        int[] key = h.key();
        int flags = h.flags();
        long done = 0;
        while (done < segments) {
            int n = (int) Math.min(buffers.length, segments - done);
            List<ForkJoinTask<?>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int slot = i;
                long segment = done + i;
                tasks.add(ForkJoinTask.adapt(() -> {
                    if (buffers[slot] == null) {
                        buffers[slot] = new byte[Subtrees.SEGMENT_BYTES];
                    }
                    byte[] buf = buffers[slot];
                    try {
                        readFully(channel, buf, buf.length, segment * Subtrees.SEGMENT_BYTES);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Subtrees.pair(kernel, buf, 0, Subtrees.SEGMENT_CHUNKS, key, segment * Subtrees.SEGMENT_CHUNKS,
                            flags, Subtrees.scratch(), pairs, 64 * slot);
                }));
            }
            try {
                pool.submit(() -> ForkJoinTask.invokeAll(tasks)).join();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (int i = 0; i < n; i++) {
                h.pushPair(pairs, 64 * i, Subtrees.SEGMENT_CHUNKS);
            }
            done += n;
        }
        return segments * Subtrees.SEGMENT_BYTES;
    }

    /** Reads exactly {@code n} bytes at {@code pos} into {@code buf}. */
    static void readFully(FileChannel ch, byte[] buf, int n, long pos) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        while (bb.hasRemaining()) {
            int r = ch.read(bb, pos + bb.position());
            if (r < 0) {
                throw new EOFException("file ended at byte " + (pos + bb.position()) + " while hashing; it shrank");
            }
        }
    }
}
