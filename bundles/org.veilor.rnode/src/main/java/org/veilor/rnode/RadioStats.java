package org.veilor.rnode;

import java.time.Instant;
import java.util.Map;

/**
 * Counters of one configured radio since its component started (they survive reconnects).
 *
 * @param txFrames frames handed to the device
 * @param txBytes payload bytes handed to the device
 * @param rxFrames frames received
 * @param rxBytes payload bytes received
 * @param lastRssi RSSI of the last received frame in dBm, or null
 * @param lastSnr SNR of the last received frame in dB, or null
 * @param lastReceived when the last frame arrived, or null
 * @param deviceErrors {@code CMD_ERROR} reports by name ({@code ERROR_QUEUE_FULL (0x04)}) and count
 * @param noiseBytes bytes the device sent outside any frame (boot messages, line noise)
 * @param corruptFrames frames dropped as malformed
 * @param reconnects times the radio came back up after being lost
 * @param channel the latest channel statistics the device volunteered, or null
 */
public record RadioStats(long txFrames, long txBytes, long rxFrames, long rxBytes, Integer lastRssi, Double lastSnr,
        Instant lastReceived, Map<String, Long> deviceErrors, long noiseBytes, long corruptFrames, long reconnects,
        ChannelStats channel) {

    public RadioStats {
        deviceErrors = Map.copyOf(deviceErrors);
    }

    /**
     * Channel statistics from an unsolicited {@code CMD_STAT_CHTM} frame (ESP32 and nRF52 firmware).
     *
     * @param airtimeShort short-term airtime use in percent
     * @param airtimeLong long-term airtime use in percent
     * @param channelLoadShort short-term channel load in percent
     * @param channelLoadLong long-term channel load in percent
     * @param currentRssi current RSSI in dBm
     * @param noiseFloor noise floor in dBm
     * @param interference interference level in dBm, or null when the device reports none
     */
    public record ChannelStats(double airtimeShort, double airtimeLong, double channelLoadShort, double channelLoadLong,
            int currentRssi, int noiseFloor, Integer interference) {
    }
}
