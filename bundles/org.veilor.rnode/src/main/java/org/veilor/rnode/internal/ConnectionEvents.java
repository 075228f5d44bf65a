package org.veilor.rnode.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.rnode.RNodeError;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.ReceivedFrame;

/**
 * What one connection of a radio reports: frames to the counters and listeners, device errors by
 * name, and its loss — tagged with the connection, so a late report of an earlier one is ignored.
 */
final class ConnectionEvents implements RNodeConnection.Events {

    /** Told when the device behind a connection is gone. */
    @FunctionalInterface
    interface LostHandler {
        void lost(RNodeConnection connection, String why);
    }

    private final Logger logger = LoggerFactory.getLogger(ConnectionEvents.class);
    private final String name;
    private final RadioCounters counters;
    private final FrameListeners listeners;
    private final LostHandler onLost;
    volatile RNodeConnection connection;

    ConnectionEvents(String name, RadioCounters counters, FrameListeners listeners, LostHandler onLost) {
        this.name = name;
        this.counters = counters;
        this.listeners = listeners;
        this.onLost = onLost;
    }

    @Override
    public void received(ReceivedFrame frame) {
        counters.received(frame);
        listeners.deliver(frame);
    }

    @Override
    public void deviceError(int code) {
        counters.deviceError(code);
        logger.warn("RNode {} reported {}", name, RNodeError.describe(code));
    }

    @Override
    public void channel(RadioStats.ChannelStats stats) {
        counters.channel(stats);
    }

    @Override
    public void lost(String why) {
        onLost.lost(connection, why);
    }
}
