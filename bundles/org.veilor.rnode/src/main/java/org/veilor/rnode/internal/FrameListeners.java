package org.veilor.rnode.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.veilor.rnode.RadioListener;
import org.veilor.rnode.ReceivedFrame;

/** The listeners of one radio, served on their own thread so a slow one never stalls the serial reader. */
final class FrameListeners {

    private final Logger logger = LoggerFactory.getLogger(FrameListeners.class);
    private final String name;
    private final List<RadioListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService delivery;

    FrameListeners(String name) {
        this.name = name;
        this.delivery = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rnode-" + name + "-rx");
            t.setDaemon(true);
            return t;
        });
    }

    AutoCloseable add(RadioListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    int count() {
        return listeners.size();
    }

    void deliver(ReceivedFrame frame) {
        for (RadioListener l : listeners) {
            try {
                delivery.execute(() -> {
                    try {
                        l.received(frame);
                    } catch (RuntimeException e) {
                        logger.warn("RNode {}: a frame listener failed: {}", name, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                return; // closed
            }
        }
    }

    void close() {
        listeners.clear();
        delivery.shutdownNow();
    }
}
