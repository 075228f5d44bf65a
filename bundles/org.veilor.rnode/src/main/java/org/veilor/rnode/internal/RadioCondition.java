package org.veilor.rnode.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.veilor.rnode.DeviceInfo;
import org.veilor.rnode.FieldCheck;
import org.veilor.rnode.RadioState;
import org.veilor.rnode.RadioStatus;

/**
 * What one radio is now: its state and why, the open connection, the last detected device and
 * verified configuration, who holds the port while handed over. Written only on the radio's
 * worker thread, read from any thread (every field is volatile).
 */
final class RadioCondition {

    volatile RadioState state = RadioState.CONNECTING;
    volatile String reason = "starting";
    volatile Instant since = Instant.now();
    /** Who holds the port while handed over, else null. */
    volatile String owner;
    /** The path the radio is (or was last) open on; null before the first detection. */
    volatile String devicePath;
    volatile DeviceInfo device;
    volatile RNodeProtocol.Verified verified;
    volatile List<FieldCheck> checks = List.of();
    volatile RNodeConnection connection;

    void enter(RadioState s, String why) {
        if (s != state) {
            since = Instant.now();
        }
        state = s;
        reason = why;
    }

    /** The radio is up on a path with a fresh session. */
    void up(String path, RadioBringUp.Session s) {
        connection = s.connection();
        devicePath = path;
        device = s.device();
        verified(s.verified());
        enter(RadioState.UP, "");
    }

    void verified(RNodeProtocol.Verified v) {
        verified = v;
        checks = v.checks();
    }

    /** The open connection while the radio is up, else null. */
    RNodeConnection upConnection() {
        RNodeConnection c = connection;
        return state == RadioState.UP ? c : null;
    }

    String devicePath(RadioPlan p) {
        String d = devicePath;
        return d != null ? d : p.port();
    }

    boolean devicePresent(RadioPlan p) {
        String path = devicePath(p);
        return !RadioPlan.AUTO.equals(path) && Files.exists(Path.of(path));
    }

    RadioStatus status(RadioPlan p, RadioCounters counters) {
        RNodeProtocol.Verified v = verified;
        return new RadioStatus(p.name(), p.pid(), p.port(), devicePath, state, reason, since, owner, devicePresent(p), device,
                p.settings(), v == null ? null : v.settings(), checks, p.flowControl(), counters.snapshot(connection));
    }
}
