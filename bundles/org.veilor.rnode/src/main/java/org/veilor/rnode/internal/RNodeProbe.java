package org.veilor.rnode.internal;

import java.io.IOException;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.ReceivedFrame;

/**
 * A one-off detect on a port nobody holds: open (a port another program holds is reported, not
 * waited for), wait, detect on a cleared line, read what it is, leave, close.
 */
final class RNodeProbe {

    private RNodeProbe() {
    }

    static DeviceInfo probe(PortAcquirer ports, String path, OpenRule rule) throws IOException, RadioException {
        SerialLine line;
        try {
            line = ports.open(path, rule.releaseTimeout(), () -> false, waiting -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted");
        }
        RNodeConnection c = RNodeConnection.start(line, "rnode-probe", new RNodeConnection.Events() {
            @Override
            public void received(ReceivedFrame frame) {
                // a probe does not listen
            }

            @Override
            public void deviceError(int code) {
                // reported by detect itself if it matters
            }

            @Override
            public void channel(RadioStats.ChannelStats stats) {
                // not kept
            }

            @Override
            public void lost(String reason) {
                // the next request fails with the I/O error
            }
        });
        boolean detected = false;
        try {
            if (rule.bootDelay() > 0) {
                Thread.sleep(rule.bootDelay()); // opening may reset the board (mesh-radio.md §5.1)
            }
            DeviceInfo info = DetectHandshake.detect(c, rule.detectTimeout(), rule.detectAttempts());
            detected = true;
            return info;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RadioException("interrupted");
        } finally {
            c.close(detected); // only an RNode is told we leave
        }
    }
}
