package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Opens a port once the program that had it has let go. After {@code systemctl stop rnsd} returns,
 * rnsd (or a child that inherited the port) may still hold the device for a moment; at hot-plug a
 * modem prober may be trying it. The port is opened only when no other process has it open and
 * nobody holds its lock, waiting with backoff up to a bound; then the error names the port, who
 * held it and how long it waited.
 */
final class PortAcquirer {

    static final long FIRST_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 1_000;

    /** Another program still held the port when the wait ended. */
    static final class StillHeld extends IOException {
        private static final long serialVersionUID = 1L;

        StillHeld(String message) {
            super(message);
        }
    }

    /** The wait was called off: the radio is closing or its configuration changed. */
    static final class Cancelled extends IOException {
        private static final long serialVersionUID = 1L;

        Cancelled(String message) {
            super(message);
        }
    }

    private final SerialLine.Opener opener;
    private final PortHolders holders;

    PortAcquirer(SerialLine.Opener opener, PortHolders holders) {
        this.opener = opener;
        this.holders = holders;
    }

    /**
     * Opens the port, waiting up to {@code releaseTimeoutMs} for another holder to close it.
     *
     * @param cancelled asked between tries; true ends the wait
     * @param waiting told what is waited for, before each pause
     * @throws StillHeld when another program still holds it at the bound
     * @throws IOException when the port does not exist or cannot be opened for another reason
     */
    SerialLine open(String path, long releaseTimeoutMs, BooleanSupplier cancelled, Consumer<String> waiting)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long backoff = FIRST_BACKOFF_MS;
        while (true) {
            String seen;
            List<PortHolders.Holder> held = holders.of(path);
            if (held.isEmpty()) {
                try {
                    return opener.open(path);
                } catch (SerialLine.Busy e) {
                    seen = e.getMessage();
                }
            } else {
                seen = path + " is held by " + held.stream().map(PortHolders.Holder::describe).collect(Collectors.joining(", "));
            }
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (waited >= releaseTimeoutMs) {
                throw new StillHeld(seen + (releaseTimeoutMs > 0 ? "; waited " + seconds(waited) + " for it to be released" : ""));
            }
            if (cancelled.getAsBoolean()) {
                throw new Cancelled(seen + "; stopped waiting after " + seconds(waited));
            }
            waiting.accept(seen + "; waiting for it to be released (" + seconds(waited) + " of " + seconds(releaseTimeoutMs) + ")");
            Thread.sleep(Math.max(1, Math.min(backoff, releaseTimeoutMs - waited)));
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
