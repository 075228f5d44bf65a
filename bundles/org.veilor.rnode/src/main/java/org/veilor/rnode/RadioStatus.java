package org.veilor.rnode;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one configured radio.
 *
 * @param name the radio's name (from its configuration)
 * @param configurationPid the PID of its factory configuration
 * @param port the configured port ({@code auto} or a device path)
 * @param devicePath the path it is (or was last) open on; null before the first detection
 * @param state where it is
 * @param reason why it is in that state (empty when up)
 * @param since when it entered the state
 * @param owner who holds the port while handed over, else null
 * @param devicePresent whether the device path exists now
 * @param device what the device said when last detected, or null
 * @param requested the configured radio parameters
 * @param verified the parameters the device confirmed at the last verification, or null
 * @param checks the field-by-field result of the last verification (empty before one)
 * @param flowControl whether sends wait for the device's {@code CMD_READY}
 * @param stats counters
 */
public record RadioStatus(String name, String configurationPid, String port, String devicePath, RadioState state,
        String reason, Instant since, String owner, boolean devicePresent, DeviceInfo device, LoraSettings requested,
        LoraSettings verified, List<FieldCheck> checks, boolean flowControl, RadioStats stats) {

    public RadioStatus {
        checks = List.copyOf(checks);
    }
}
