package org.veilor.rnode;

/**
 * The radio parameters of an RNode, as asked for in a configuration or as the device reported them.
 *
 * @param frequency carrier frequency in Hz
 * @param bandwidth LoRa bandwidth in Hz
 * @param txPower transmit power in dBm
 * @param spreadingFactor LoRa spreading factor (5..12)
 * @param codingRate coding rate denominator (5..8, meaning 4/5 .. 4/8)
 * @param airtimeLimitShort short-term airtime limit in percent; 0 = no limit
 * @param airtimeLimitLong long-term airtime limit in percent; 0 = no limit
 */
public record LoraSettings(long frequency, long bandwidth, int txPower, int spreadingFactor, int codingRate,
        double airtimeLimitShort, double airtimeLimitLong) {

    /**
     * The raw LoRa on-air bit rate in bit/s, as the firmware and the reference host compute it:
     * {@code SF × (4 / CR) × BW / 2^SF} (preamble, header and CRC not counted).
     */
    public double bitrate() {
        return spreadingFactor * (4.0 / codingRate) * bandwidth / Math.pow(2, spreadingFactor);
    }

    /** The bit rate for people: {@code 5.47 kbit/s}, {@code 976.56 bit/s}. */
    public String bitrateText() {
        double b = bitrate();
        return b >= 1000 ? String.format(java.util.Locale.ROOT, "%.2f kbit/s", b / 1000)
                : String.format(java.util.Locale.ROOT, "%.2f bit/s", b);
    }

    /** Frequency in MHz with the precision a person reads: {@code 869.525 MHz}. */
    public String frequencyText() {
        return java.math.BigDecimal.valueOf(frequency).movePointLeft(6).stripTrailingZeros().toPlainString() + " MHz";
    }

    /** Bandwidth in kHz: {@code 125 kHz}, {@code 7.8 kHz}. */
    public String bandwidthText() {
        return java.math.BigDecimal.valueOf(bandwidth).movePointLeft(3).stripTrailingZeros().toPlainString() + " kHz";
    }
}
