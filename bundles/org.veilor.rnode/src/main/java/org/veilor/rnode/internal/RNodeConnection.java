package org.veilor.rnode.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.rnode.RNodeError;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioStats.ChannelStats;
import org.veilor.rnode.ReceivedFrame;

/**
 * One open session with an RNode: a reader that de-frames what the device sends, request/reply
 * for commands whose reply is an echo of the same command, packets out and in. Replies of the
 * same command are matched in order; stale ones are dropped before a new request.
 */
final class RNodeConnection implements AutoCloseable {

    /** What the connection tells its owner; called on the reader thread. */
    interface Events {
        void received(ReceivedFrame frame);

        void deviceError(int code);

        void channel(ChannelStats stats);

        /** The reader stopped on an I/O error: the device is gone. Not called after {@link #close}. */
        void lost(String reason);
    }

    private static final int QUEUE_LIMIT = 8;
    static final long LEAVE_DRAIN_MS = 100;

    private final Logger logger = LoggerFactory.getLogger(RNodeConnection.class);
    private final SerialLine line;
    private final Events events;
    private final KissDecoder decoder;
    private final ExecutorService reader;
    private final Map<Integer, LinkedBlockingQueue<KissFrame>> replies = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();
    private final Object readyLock = new Object();
    /** Guards the decoder against a resynchronisation while the reader feeds it. */
    private final Object feedLock = new Object();
    private final AtomicLong inputBytes = new AtomicLong();
    private final AtomicLong staleBytes = new AtomicLong();
    private volatile long lastInputNanos = System.nanoTime();
    /** Until the line was cleared before the handshake, whatever comes is what someone else left there. */
    private boolean discarding = true;
    private volatile boolean closed;
    private boolean ready = true;
    private Integer pendingRssi;
    private Double pendingSnr;
    private volatile int lastError = -1;

    private RNodeConnection(SerialLine line, String threadName, Events events) {
        this.line = line;
        this.events = events;
        this.decoder = new KissDecoder(this::dispatch);
        this.reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        reader.execute(this::readLoop);
    }

    /** Starts reading an open port. */
    static RNodeConnection start(SerialLine line, String threadName, Events events) {
        return new RNodeConnection(line, threadName, events);
    }

    String path() {
        return line.path();
    }

    private void readLoop() {
        byte[] buffer = new byte[1024];
        try {
            while (!closed) {
                int n = line.read(buffer);
                if (n > 0) {
                    lastInputNanos = System.nanoTime();
                    inputBytes.addAndGet(n);
                    synchronized (feedLock) {
                        if (discarding) {
                            staleBytes.addAndGet(n);
                        } else {
                            decoder.feed(buffer, 0, n);
                        }
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                closed = true;
                events.lost(e.getMessage());
            }
        } catch (RuntimeException e) {
            logger.error("RNode reader on {} stopped on a bug", line.path(), e);
            if (!closed) {
                closed = true;
                events.lost("reader failed: " + e);
            }
        }
    }

    private void dispatch(KissFrame f) {
        switch (f.command()) {
            case Commands.STAT_RSSI -> pendingRssi = f.u8(0) - Commands.RSSI_OFFSET;
            case Commands.STAT_SNR -> pendingSnr = f.payload()[0] * 0.25;
            case Commands.DATA -> {
                if (f.payload().length > 0) {
                    ReceivedFrame r = new ReceivedFrame(f.payload(), pendingRssi, pendingSnr, Instant.now());
                    pendingRssi = null;
                    pendingSnr = null;
                    events.received(r);
                }
            }
            case Commands.READY -> {
                synchronized (readyLock) {
                    ready = f.u8(0) == 0x01;
                    readyLock.notifyAll();
                }
            }
            case Commands.ERROR -> {
                lastError = f.u8(0);
                events.deviceError(f.u8(0));
            }
            case Commands.STAT_CHTM -> events.channel(channel(f));
            case Commands.STAT_PHYPRM -> logger.debug("{}: {}", line.path(), f);
            default -> {
                LinkedBlockingQueue<KissFrame> q = replies.computeIfAbsent(f.command(), c -> new LinkedBlockingQueue<>());
                while (q.size() >= QUEUE_LIMIT) {
                    q.poll();
                }
                q.offer(f);
            }
        }
    }

    private static ChannelStats channel(KissFrame f) {
        int interference = f.u8(10);
        return new ChannelStats(f.u16(0) / 100.0, f.u16(2) / 100.0, f.u16(4) / 100.0, f.u16(6) / 100.0,
                f.u8(8) - Commands.RSSI_OFFSET, f.u8(9) - Commands.RSSI_OFFSET,
                interference == 0xFF ? null : interference - Commands.RSSI_OFFSET);
    }

    /** Writes one frame. */
    void write(byte[] frame) throws IOException {
        if (closed) {
            throw new IOException("the connection to " + line.path() + " is closed");
        }
        synchronized (writeLock) {
            line.write(frame);
        }
    }

    /**
     * Sends a frame and waits for the device's reply of the same command.
     *
     * @throws RadioException when no reply comes in time
     */
    KissFrame request(int command, byte[] frame, long timeoutMs) throws IOException, RadioException {
        LinkedBlockingQueue<KissFrame> q = replies.computeIfAbsent(command, c -> new LinkedBlockingQueue<>());
        q.clear();
        write(frame);
        return await(command, timeoutMs);
    }

    /** Waits for the next reply of a command without sending anything. */
    KissFrame await(int command, long timeoutMs) throws IOException, RadioException {
        LinkedBlockingQueue<KissFrame> q = replies.computeIfAbsent(command, c -> new LinkedBlockingQueue<>());
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (true) {
                KissFrame f = q.poll(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))),
                        TimeUnit.MILLISECONDS);
                if (f != null) {
                    return f;
                }
                if (closed) {
                    throw new IOException("the connection to " + line.path() + " closed while waiting for " + Commands.name(command));
                }
                if (System.nanoTime() >= deadline) {
                    throw new RadioException("no answer to " + Commands.name(command) + " from " + line.path()
                            + " within " + timeoutMs + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted while waiting for " + Commands.name(command));
        }
    }

    /**
     * Discards what is on the line — left there by the program that had the port, a reset, a
     * packet received meanwhile — until nothing came for {@code quietMs} (or {@code maxMs} passed:
     * a device that keeps talking is not waited out), then restarts decoding at the next FEND and
     * forgets every reply received so far. Nothing discarded reaches a listener.
     *
     * @return the bytes discarded
     */
    long discardStale(long quietMs, long maxMs) throws RadioException {
        long before = staleBytes.get();
        synchronized (feedLock) {
            discarding = true;
        }
        try {
            // Read out rather than flushed: what is counted was really there, and bytes still on their
            // way from the device (USB latency) are caught too.
            long start = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                long quiet = TimeUnit.NANOSECONDS.toMillis(now - Math.max(start, lastInputNanos));
                if (quiet >= quietMs || TimeUnit.NANOSECONDS.toMillis(now - start) >= maxMs || closed) {
                    break;
                }
                Thread.sleep(Math.max(5, quietMs - quiet)); // until the line may have been quiet long enough
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted while clearing " + line.path());
        } finally {
            synchronized (feedLock) {
                decoder.resync();
                replies.values().forEach(LinkedBlockingQueue::clear);
                pendingRssi = null;
                pendingSnr = null;
                discarding = false;
            }
        }
        return staleBytes.get() - before;
    }

    /** Every byte read so far, discarded ones included. */
    long inputBytes() {
        return inputBytes.get();
    }

    /** Drops replies of a command nobody asked for (a second echo). */
    void discard(int command) {
        LinkedBlockingQueue<KissFrame> q = replies.get(command);
        if (q != null) {
            q.clear();
        }
    }

    /**
     * Sends a packet. With flow control, first waits for the device to say it is ready after the
     * previous packet, then marks it busy until it says so again.
     */
    void sendData(byte[] payload, boolean flowControl, long readyTimeoutMs) throws IOException, RadioException {
        if (flowControl) {
            synchronized (readyLock) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyTimeoutMs);
                try {
                    while (!ready) {
                        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                        if (closed) {
                            throw new IOException("the connection to " + line.path() + " closed while waiting for CMD_READY");
                        }
                        if (left <= 0) {
                            throw new RadioException("the device did not signal CMD_READY within " + readyTimeoutMs
                                    + " ms after the previous packet");
                        }
                        readyLock.wait(Math.min(left, 100));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RadioException("interrupted while waiting for CMD_READY");
                }
                ready = false;
            }
        }
        write(Kiss.frame(Commands.DATA, payload));
    }

    /** The last CMD_ERROR code seen, or -1; cleared by reading it. */
    int takeLastError() {
        int e = lastError;
        lastError = -1;
        return e;
    }

    String lastErrorName() {
        int e = lastError;
        return e < 0 ? null : RNodeError.describe(e);
    }

    /** Bytes outside any frame, and bytes discarded as left on the line by someone else. */
    long noiseBytes() {
        return decoder.noiseBytes() + staleBytes.get();
    }

    long corruptFrames() {
        return decoder.corruptFrames();
    }

    boolean closed() {
        return closed;
    }

    /** Closes the session; with {@code leave}, tells the device first ({@code CMD_LEAVE}). */
    void close(boolean leave) {
        if (leave && !closed) {
            try {
                write(Kiss.frame(Commands.LEAVE, Commands.LEAVE_BYTE));
                // Closing the port discards output still queued in the tty layer: give the frame
                // time to leave (4 bytes take 0.35 ms at 115200 baud; the margin is for USB latency).
                Thread.sleep(LEAVE_DRAIN_MS);
            } catch (IOException e) {
                logger.debug("{}: CMD_LEAVE not sent: {}", line.path(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        reader.shutdown();
        try {
            if (!reader.awaitTermination(2, TimeUnit.SECONDS)) {
                reader.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
    }

    @Override
    public void close() {
        close(true);
    }
}
