package org.veilor.seed.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.veilor.seed.BlobTicket;
import org.veilor.seed.blake3.Blake3Hash;
import org.veilor.seed.blake3.Outboard;

/**
 * One blob being pulled, as its readers see it: the proven size once known, the chunk groups as
 * they are verified, the outcome. Readers (the gateway, {@code seed:get}) wait for the groups they
 * need and read them from the partial file; they never see a group before it verified. The work of
 * fetching is {@link PullWorker}'s.
 */
final class Pull {

    private final Blake3Hash hash;
    private final Deque<BlobTicket> providers;
    private final Deque<long[]> wanted = new ArrayDeque<>();
    private final List<LongConsumer> progress = new CopyOnWriteArrayList<>();
    private PartialBlob partial;
    private long size = -1;
    private IOException failure;
    private boolean complete;
    private int readers;
    private boolean closed;
    private String provider = "";

    Pull(Blake3Hash hash, List<BlobTicket> providers) {
        this.hash = hash;
        this.providers = new ArrayDeque<>(providers);
    }

    Blake3Hash hash() {
        return hash;
    }

    /** Providers not tried yet, in order; the worker takes from the front. */
    synchronized BlobTicket nextProvider() {
        BlobTicket t = providers.pollFirst();
        provider = t == null ? "" : t.endpoint().toShortHex();
        return t;
    }

    /** Adds providers learned while the pull runs (duplicates of a tried one are the caller's to avoid). */
    synchronized void addProviders(List<BlobTicket> more) {
        for (BlobTicket t : more) {
            if (providers.stream().noneMatch(p -> p.endpoint().equals(t.endpoint()))) {
                providers.addLast(t);
            }
        }
    }

    synchronized String provider() {
        return provider;
    }

    /** Called by the worker once the size is proven and the partial file is open. */
    synchronized void sized(PartialBlob p) {
        partial = p;
        size = p.size();
        notifyAll();
    }

    synchronized void groupVerified(long verifiedBytes) {
        notifyAll();
        for (LongConsumer l : progress) {
            l.accept(verifiedBytes);
        }
    }

    synchronized void completed() {
        complete = true;
        notifyAll();
    }

    synchronized void failed(IOException e) {
        failure = e;
        notifyAll();
    }

    synchronized boolean finished() {
        return complete || failure != null;
    }

    synchronized boolean isComplete() {
        return complete;
    }

    synchronized IOException failure() {
        return failure;
    }

    void onProgress(LongConsumer l) {
        progress.add(l);
    }

    /** Asks the worker to fetch these groups next (a reader is waiting for them). */
    synchronized void want(long firstGroup, long lastGroup) {
        wanted.addLast(new long[] { firstGroup, lastGroup });
        notifyAll();
    }

    /** The next wanted range that still misses groups, or null. */
    synchronized long[] nextWanted() {
        while (!wanted.isEmpty()) {
            long[] w = wanted.peekFirst();
            if (!partial.missing(w[0], w[1], 1).isEmpty()) {
                return w;
            }
            wanted.pollFirst();
        }
        return null;
    }

    /** Waits until the size is proven; returns it. */
    synchronized long awaitSize(long timeoutMillis) throws IOException {
        waitUntil(() -> size >= 0, timeoutMillis, "the size of " + hash.toShortHex());
        return size;
    }

    /** Waits until a group verified. */
    synchronized void awaitGroup(long group, long timeoutMillis) throws IOException {
        waitUntil(() -> partial != null && partial.has(group), timeoutMillis, "chunk group " + group + " of " + hash.toShortHex());
    }

    /** Waits until the whole blob is in the store. */
    synchronized void awaitComplete(long timeoutMillis) throws IOException {
        waitUntil(() -> complete, timeoutMillis, hash.toShortHex());
    }

    private void waitUntil(java.util.function.BooleanSupplier ready, long idleMillis, String what) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMillis);
        long lastVerified = partial == null ? -1 : partial.verifiedBytes();
        while (!ready.getAsBoolean()) {
            if (failure != null) {
                throw new IOException("cannot pull " + hash.toShortHex() + ": " + failure.getMessage(), failure);
            }
            if (complete) {
                throw new IOException(what + " never arrived though the pull completed");
            }
            long now = partial == null ? -1 : partial.verifiedBytes();
            if (now != lastVerified) {
                // the pull is moving: the timeout is for idleness, not for the whole transfer
                lastVerified = now;
                deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(idleMillis);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException("timed out waiting for " + what);
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + what);
            }
        }
    }

    /** Reads verified bytes at {@code position} (the groups were awaited). */
    int read(long position, byte[] buf, int off, int len) throws IOException {
        PartialBlob p;
        synchronized (this) {
            p = partial;
        }
        return p.read(position, buf, off, len);
    }

    /**
     * A reader starts; the partial file stays open until the last one leaves and the pull ended.
     * False when the pull is over and its file closed already (read the store instead).
     */
    synchronized boolean acquire() {
        if (closed && readers <= 0) {
            return false;
        }
        readers++;
        return true;
    }

    synchronized void release() throws IOException {
        readers--;
        closeIfIdle();
    }

    /** The worker is done with the partial file. */
    synchronized void workerDone() throws IOException {
        closed = true;
        closeIfIdle();
    }

    private void closeIfIdle() throws IOException {
        if (closed && readers <= 0 && partial != null) {
            partial.close();
        }
    }

    synchronized long size() {
        return size;
    }

    synchronized long verifiedBytes() {
        return partial == null ? 0 : partial.verifiedBytes();
    }

    synchronized PartialBlob partial() {
        return partial;
    }

    /** Groups of the byte range [start, start + length) of a blob of {@code size} bytes. */
    static long[] groups(long size, long start, long length) {
        long g = Outboard.CHUNK_GROUP_SIZE;
        if (size == 0) {
            return new long[] { 0, 0 };
        }
        long end = Math.min(size, start + Math.max(length, 1));
        return new long[] { start / g, (end - 1) / g };
    }
}
