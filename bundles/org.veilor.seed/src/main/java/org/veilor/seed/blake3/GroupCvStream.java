package org.veilor.seed.blake3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * The chaining values of a blob's chunk groups, in order, computed a batch of 1 MiB units at a time
 * (in parallel with a pool: each worker reads and hashes its own unit). Memory is one unit buffer per
 * batch slot, whatever the blob's size.
 */
final class GroupCvStream {

    private static final int UNIT_GROUPS = Subtrees.SEGMENT_BYTES / ChunkGroups.GROUP_BYTES;

    private final Kernel kernel;
    private final ForkJoinPool pool;
    private final BlobReader reader;
    private final long size;
    private final long units;
    private final byte[][] buffers;
    private final byte[][] cvs;
    private long nextUnit;
    private long batchFirst;
    private int batchUnits;
    private int unitInBatch;
    private int groupInUnit;

    GroupCvStream(Kernel kernel, ForkJoinPool pool, BlobReader reader, long size) {
        this.kernel = kernel;
        this.pool = pool;
        this.reader = reader;
        this.size = size;
        this.units = (size + Subtrees.SEGMENT_BYTES - 1) / Subtrees.SEGMENT_BYTES;
        int slots = pool == null ? 1 : Math.max(2, 2 * pool.getParallelism());
        this.buffers = new byte[(int) Math.min(slots, Math.max(units, 1))][];
        this.cvs = new byte[buffers.length][];
    }

    /** The next group's 32-byte chaining value (never the root: the blob has two groups or more). */
    byte[] next() throws IOException {
        while (unitInBatch == batchUnits || groupInUnit == groupsIn(batchFirst + unitInBatch)) {
            if (unitInBatch < batchUnits) {
                unitInBatch++;
                groupInUnit = 0;
            } else {
                fill();
            }
        }
        byte[] cv = new byte[32];
        System.arraycopy(cvs[unitInBatch], 32 * groupInUnit++, cv, 0, 32);
        return cv;
    }

    private int groupsIn(long unit) {
        long bytes = Math.min(Subtrees.SEGMENT_BYTES, size - unit * Subtrees.SEGMENT_BYTES);
        return (int) ((bytes + ChunkGroups.GROUP_BYTES - 1) / ChunkGroups.GROUP_BYTES);
    }

    private void fill() throws IOException {
        if (nextUnit >= units) {
            throw new IllegalStateException("read past the last chunk group");
        }
        batchUnits = (int) Math.min(buffers.length, units - nextUnit);
        unitInBatch = 0;
        groupInUnit = 0;
        long first = nextUnit;
        batchFirst = first;
        nextUnit += batchUnits;
        if (pool == null || batchUnits == 1) {
            for (int i = 0; i < batchUnits; i++) {
                hashUnit(i, first + i);
            }
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(batchUnits);
        for (int i = 0; i < batchUnits; i++) {
            int slot = i;
            tasks.add(ForkJoinTask.adapt(() -> {
                try {
                    hashUnit(slot, first + slot);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        try {
            pool.submit(() -> ForkJoinTask.invokeAll(tasks)).join();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void hashUnit(int slot, long unit) throws IOException {
        if (buffers[slot] == null) {
            buffers[slot] = new byte[Subtrees.SEGMENT_BYTES];
            cvs[slot] = new byte[32 * UNIT_GROUPS];
        }
        long pos = unit * Subtrees.SEGMENT_BYTES;
        int len = (int) Math.min(Subtrees.SEGMENT_BYTES, size - pos);
        reader.read(pos, buffers[slot], 0, len);
        int whole = len / ChunkGroups.GROUP_BYTES;
        long firstGroup = unit * UNIT_GROUPS;
        if (whole > 0) {
            ChunkGroups.wholeGroups(kernel, buffers[slot], 0, whole, firstGroup, Subtrees.scratch(), cvs[slot], 0);
        }
        int rest = len - whole * ChunkGroups.GROUP_BYTES;
        if (rest > 0) {
            byte[] cv = ChunkGroups.groupCv(kernel, buffers[slot], whole * ChunkGroups.GROUP_BYTES, rest,
                    firstGroup + whole, false);
            System.arraycopy(cv, 0, cvs[slot], 32 * whole, 32);
        }
    }
}
