package org.veilor.rnode.internal;

import java.io.IOException;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.RadioException;
import org.veilor.rnode.RadioStats;
import org.veilor.rnode.ReceivedFrame;

/** A one-off detect on a port nobody holds: open, wait, detect, read what it is, leave, close. */
final class RNodeProbe {

    private RNodeProbe() {
    }

    static DeviceInfo probe(SerialLine.Opener opener, String path, long bootDelayMs, long timeoutMs) throws IOException, RadioException {
        RNodeConnection c = RNodeConnection.open(opener, path, "rnode-probe", new RNodeConnection.Events() {
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
            if (bootDelayMs > 0) {
                Thread.sleep(bootDelayMs);
            }
            DeviceInfo info = RNodeProtocol.detect(c, timeoutMs);
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
