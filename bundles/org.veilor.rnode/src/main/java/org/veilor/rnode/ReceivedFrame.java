package org.veilor.rnode;

import java.time.Instant;
import java.util.Objects;

/**
 * A packet the radio received, with the signal the firmware reported just before it.
 *
 * @param payload the packet bytes
 * @param rssi received signal strength in dBm, or {@code null} if the device sent none
 * @param snr signal-to-noise ratio in dB, or {@code null} if the device sent none
 * @param at when the host got it
 */
public record ReceivedFrame(byte[] payload, Integer rssi, Double snr, Instant at) {

    public ReceivedFrame {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(at, "at");
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }
}
