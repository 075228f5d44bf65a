package org.veilor.rnode.internal;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RadioException;

/**
 * Brings a radio up on one path, the same way at boot, at hot-plug, after a loss and when the port
 * comes back from rnsd: take the port once the program that had it let go ({@link PortAcquirer}),
 * give the board its boot delay, detect on a cleared line ({@link DetectHandshake}), configure and
 * verify ({@link RNodeProtocol}). On any failure the connection is closed again; a device that
 * answered as an RNode is told the host leaves.
 */
final class RadioBringUp {

    /** A radio that is up: its open connection, what the device is and what it confirmed. */
    record Session(RNodeConnection connection, DeviceInfo device, RNodeProtocol.Verified verified) {
    }

    private final PortAcquirer ports;
    private final RadioCounters counters;

    RadioBringUp(PortAcquirer ports, RadioCounters counters) {
        this.ports = ports;
        this.counters = counters;
    }

    /**
     * Opens, detects, configures and verifies.
     *
     * @param releaseTimeoutMs how long another holder of the port is waited for (0: not at all)
     * @param cancelled ends a wait for the port early (closing, reconfiguring)
     * @param step told each step, for the radio's status
     * @throws RNodeProtocol.NotDetected when the port does not answer as an RNode
     * @throws RNodeProtocol.Rejected when the device refuses the configuration
     * @throws PortAcquirer.StillHeld when another program still holds the port at the bound
     */
    Session run(RadioPlan p, String path, long releaseTimeoutMs, ConnectionEvents events, BooleanSupplier cancelled,
            Consumer<String> step) throws IOException, RadioException, InterruptedException {
        SerialLine line = ports.open(path, releaseTimeoutMs, cancelled, step);
        RNodeConnection c = RNodeConnection.start(line, "rnode-" + p.name() + "-reader", events);
        events.connection = c;
        boolean rnode = false;
        try {
            if (p.open().bootDelay() > 0) {
                step.accept("opened " + path + "; waiting " + p.open().bootDelay() + " ms for the board to boot");
                Thread.sleep(p.open().bootDelay()); // opening may reset the board (mesh-radio.md §5.1)
            }
            step.accept("detecting on " + path);
            DeviceInfo info = DetectHandshake.detect(c, p.open().detectTimeout(), p.open().detectAttempts());
            rnode = true;
            step.accept("configuring " + info.describe());
            RNodeProtocol.Verified v = RNodeProtocol.configure(c, p.settings());
            return new Session(c, info, v);
        } catch (IOException | RadioException | InterruptedException | RuntimeException e) {
            counters.closed(c);
            c.close(rnode && !c.closed());
            throw e;
        }
    }
}
