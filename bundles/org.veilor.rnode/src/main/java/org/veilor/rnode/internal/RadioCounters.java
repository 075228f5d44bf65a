package org.veilor.rnode.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.veilor.rnode.RNodeError;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.RadioStats.ChannelStats;
import org.veilor.rnode.ReceivedFrame;

/** The counters behind {@link RadioStats}; kept for the component's life, across reconnects. */
final class RadioCounters {

    private final AtomicLong txFrames = new AtomicLong();
    private final AtomicLong txBytes = new AtomicLong();
    private final AtomicLong rxFrames = new AtomicLong();
    private final AtomicLong rxBytes = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Noise and corrupt-frame counts of connections already closed. */
    private final AtomicLong pastNoise = new AtomicLong();
    private final AtomicLong pastCorrupt = new AtomicLong();
    private volatile Integer lastRssi;
    private volatile Double lastSnr;
    private volatile Instant lastReceived;
    private volatile ChannelStats channel;

    void sent(int bytes) {
        txFrames.incrementAndGet();
        txBytes.addAndGet(bytes);
    }

    void received(ReceivedFrame f) {
        rxFrames.incrementAndGet();
        rxBytes.addAndGet(f.length());
        if (f.rssi() != null) {
            lastRssi = f.rssi();
        }
        if (f.snr() != null) {
            lastSnr = f.snr();
        }
        lastReceived = f.at();
    }

    void deviceError(int code) {
        errors.computeIfAbsent(RNodeError.describe(code), k -> new LongAdder()).increment();
    }

    void channel(ChannelStats stats) {
        channel = stats;
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    /** Adds the decoder counts of a connection that is being closed. */
    void closed(RNodeConnection c) {
        pastNoise.addAndGet(c.noiseBytes());
        pastCorrupt.addAndGet(c.corruptFrames());
    }

    RadioStats snapshot(RNodeConnection current) {
        Map<String, Long> e = new TreeMap<>();
        errors.forEach((k, v) -> e.put(k, v.sum()));
        long noise = pastNoise.get() + (current == null ? 0 : current.noiseBytes());
        long corrupt = pastCorrupt.get() + (current == null ? 0 : current.corruptFrames());
        return new RadioStats(txFrames.get(), txBytes.get(), rxFrames.get(), rxBytes.get(), lastRssi, lastSnr, lastReceived,
                e, noise, corrupt, reconnects.get(), channel);
    }
}
